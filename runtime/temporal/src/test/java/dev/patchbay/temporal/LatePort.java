package dev.patchbay.temporal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback port that forwards to another while {@link #openTo open}, and that nothing listens on while shut: a
 * connection to it is then refused, and the request never leaves.
 */
final class LatePort implements AutoCloseable {

  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listening;

  private LatePort(int port) {
    this.port = port;
  }

  /** A port that was free a moment ago, and that nothing listens on. */
  static LatePort reserve() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new LatePort(probe.getLocalPort());
    }
  }

  int port() {
    return port;
  }

  /** From now on, connections to this port reach {@code upstreamPort} of the loopback address. */
  void openTo(int upstreamPort) throws IOException {
    ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    listening = socket;
    daemon(() -> {
      while (!socket.isClosed()) {
        try {
          Socket client = socket.accept();
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
          open.add(client);
          open.add(upstream);
          daemon(() -> copy(client, upstream));
          daemon(() -> copy(upstream, client));
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  /** Nothing listens any more, and the connections made through it are closed. */
  void shut() throws IOException {
    if (listening != null) {
      listening.close();
    }
    for (Socket socket : open) {
      socket.close();
    }
    open.clear();
  }

  private void copy(Socket from, Socket to) {
    try (from; to) {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException e) {
      // One end closed: the exchange is over.
    } finally {
      open.remove(from);
      open.remove(to);
    }
  }

  private static void daemon(Runnable work) {
    Thread thread = new Thread(work, "late-port");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    shut();
  }
}
