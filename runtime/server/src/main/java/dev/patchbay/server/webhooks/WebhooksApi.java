package dev.patchbay.server.webhooks;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.webhooks.WebhookRequest;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.webhooks.DeliveryRefusedException;
import dev.patchbay.engine.webhooks.EventRecord;
import dev.patchbay.engine.webhooks.Receipt;
import dev.patchbay.engine.webhooks.WebhookInbox;
import dev.patchbay.server.http.ApiErrors;
import dev.patchbay.server.http.ApiException;
import dev.patchbay.server.http.JsonBodies;
import dev.patchbay.server.http.Routes;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Provider webhooks: {@code POST /webhooks/{connector}} takes a delivery for the inbox (no API token: the provider's
 * signature is the proof, checked by the connector's code) and answers at once, before the event is processed;
 * {@code GET /api/webhooks/events} and {@code GET /api/webhooks/events/{id}} show what became of each event.
 */
public final class WebhooksApi {

  private static final String JSON = "application/json";
  /** How long a provider should wait before delivering again what a full queue refused. */
  private static final String RETRY_AFTER_SECONDS = "60";

  private final WebhookInbox inbox;
  private final JsonBodies bodies;

  public WebhooksApi(WebhookInbox inbox, JsonBodies bodies) {
    this.inbox = inbox;
    this.bodies = bodies;
  }

  public void register(Routes routes) {
    routes.post("/webhooks/{connector}", this::receive);
    routes.get("/api/webhooks/events", this::list);
    routes.get("/api/webhooks/events/{id}", this::show);
  }

  private void receive(Context ctx) {
    String contentType = ctx.contentType();
    if (contentType == null || !contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals(JSON)) {
      throw new ApiException(415, ApiException.UNSUPPORTED_MEDIA_TYPE, "a webhook delivery must be sent as "
          + JSON + (contentType == null ? "; it has no Content-Type" : ", not " + contentType.split(";", 2)[0]
          .trim()));
    }
    byte[] body = bodies.read(ctx);
    Receipt receipt;
    try {
      receipt = inbox.receive(ctx.pathParam("connector"), new WebhookRequest(ctx.headerMap(), body));
    } catch (DeliveryRefusedException e) {
      throw refusal(e);
    } catch (ConnectorException e) {
      throw ApiErrors.of(e);
    }
    if (receipt.kind() == Receipt.Kind.CHALLENGE) {
      ctx.json(receipt.answer());
      return;
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", receipt.kind().name());
    answer.put("event", receipt.eventId());
    ctx.json(answer);
  }

  private static ApiException refusal(DeliveryRefusedException e) {
    return switch (e.reason()) {
      case NOT_RECEIVING -> new ApiException(404, ErrorCode.NOT_FOUND.name(), e.getMessage());
      case UNAUTHENTICATED -> new ApiException(401, ApiException.UNAUTHORIZED, e.getMessage());
      case MALFORMED -> new ApiException(400, ErrorCode.INVALID_INPUT.name(), e.getMessage());
      case BUSY -> new ApiException(503, ApiException.QUEUE_FULL, e.getMessage(), Map.of(),
          Map.of("Retry-After", RETRY_AFTER_SECONDS));
      case UNAVAILABLE -> new ApiException(503, ApiException.UNAVAILABLE, e.getMessage(), Map.of(),
          Map.of("Retry-After", RETRY_AFTER_SECONDS));
    };
  }

  private void list(Context ctx) {
    try {
      ctx.json(inbox.events().stream().map(WebhooksApi::view).toList());
    } catch (StoreException e) {
      throw unavailable(e);
    }
  }

  private void show(Context ctx) {
    String id = ctx.pathParam("id");
    EventRecord record;
    try {
      record = inbox.event(id).orElseThrow(() -> new ApiException(404, ErrorCode.NOT_FOUND.name(),
          "no webhook event '" + id + "' among the recent ones; GET /api/webhooks/events lists them"));
    } catch (StoreException e) {
      throw unavailable(e);
    }
    ctx.json(view(record));
  }

  /** The store's message names the database and what failed, for the operator who holds the API token. */
  private static ApiException unavailable(StoreException e) {
    return new ApiException(503, ApiException.UNAVAILABLE, e.getMessage(), Map.of(),
        Map.of("Retry-After", RETRY_AFTER_SECONDS));
  }

  private static Map<String, Object> view(EventRecord record) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", record.id());
    view.put("connector", record.connectorId());
    view.put("type", record.type());
    view.put("accountId", record.accountId());
    view.put("occurredAt", record.occurredAt().toString());
    view.put("receivedAt", record.receivedAt().toString());
    view.put("status", record.status().name());
    view.put("reason", record.reason());
    view.put("runs", record.runIds());
    view.put("retries", record.retries());
    return view;
  }
}
