package dev.patchbay.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The child side of {@link OutOfProcessCallBenchmark}: a connector host in its own JVM, as the out-of-process design
 * in the README has it. It reads calls (a length-prefixed JSON frame: operation, input, the per-call access token),
 * runs an echo activity and answers with a frame holding the output. {@code pipe}: over its standard input and
 * output; {@code socket}: over one loopback connection, whose port it prints on its first line.
 */
public final class ChildConnectorHost {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private ChildConnectorHost() {}

  public static void main(String[] args) throws IOException {
    if (args[0].equals("pipe")) {
      serve(System.in, System.out);
      return;
    }
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      System.out.println(server.getLocalPort());
      System.out.flush();
      try (Socket socket = server.accept()) {
        socket.setTcpNoDelay(true);
        serve(socket.getInputStream(), socket.getOutputStream());
      }
    }
  }

  private static void serve(InputStream rawIn, OutputStream rawOut) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(rawIn, 64 * 1024));
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(rawOut, 64 * 1024));
    while (true) {
      byte[] frame;
      try {
        frame = new byte[in.readInt()];
      } catch (EOFException parentGone) {
        return;
      }
      in.readFully(frame);
      JsonNode call = MAPPER.readTree(frame);
      ObjectNode answer = MAPPER.createObjectNode();
      answer.set("output", echo(call.get("input")));
      byte[] bytes = MAPPER.writeValueAsBytes(answer);
      out.writeInt(bytes.length);
      out.write(bytes);
      out.flush();
    }
  }

  /** The activity: what an in-process plugin's execute() would return for the same input. */
  static JsonNode echo(JsonNode input) {
    return input;
  }
}
