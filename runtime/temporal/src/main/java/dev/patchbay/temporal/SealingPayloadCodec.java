package dev.patchbay.temporal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.store.StoreException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import java.util.Objects;

/**
 * Seals every payload Temporal keeps for Patchbay (run requests with their inputs and the webhook bodies of trigger
 * runs, step inputs and outputs, heartbeats, run records, query answers) with the runtime's master key, as
 * connections are sealed ({@link SealedFiles}: AES-256-GCM, a fresh IV each time): Temporal's history, its database
 * and its UI hold envelopes, and only processes holding the key (workers, {@code run --temporal}, {@code serve
 * --temporal}) read them. Payloads that are not sealed (runs started before) still read as they are.
 */
public final class SealingPayloadCodec implements PayloadCodec {

  /** The payload encoding of sealed payloads, in each payload's metadata. */
  public static final String ENCODING = "binary/patchbay-sealed";
  /** What sealed payloads are bound to: an envelope of anything else does not open as one. */
  private static final String NAME = "temporal-payload";

  private final SealedFiles sealing;

  public SealingPayloadCodec(SealedFiles sealing) {
    this.sealing = Objects.requireNonNull(sealing, "sealing");
  }

  /**
   * Temporal's JSON converter with payloads sealed by {@code sealing}: the one every Patchbay client uses. Failure
   * messages and stack traces are sealed too (a provider's message can repeat what was sent to it).
   */
  public static DataConverter converter(SealedFiles sealing) {
    return new CodecDataConverter(DefaultDataConverter.STANDARD_INSTANCE, List.of(new SealingPayloadCodec(sealing)),
        true);
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(payload -> Payload.newBuilder()
        .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ByteString.copyFromUtf8(ENCODING))
        .setData(ByteString.copyFrom(sealing.seal(NAME, payload.toByteArray())))
        .build()).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decode).toList();
  }

  private Payload decode(Payload payload) {
    ByteString encoding = payload.getMetadataMap().get(EncodingKeys.METADATA_ENCODING_KEY);
    if (encoding == null || !encoding.toStringUtf8().equals(ENCODING)) {
      return payload;
    }
    try {
      return Payload.parseFrom(sealing.open("a Temporal payload", payload.getData().toByteArray(), NAME));
    } catch (StoreException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException(e.getMessage() + " (a Temporal payload sealed with another master key than "
          + "this process's, or damaged)", e);
    }
  }
}
