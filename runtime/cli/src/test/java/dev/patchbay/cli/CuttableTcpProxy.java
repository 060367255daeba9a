package dev.patchbay.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder between a process under test and a server it uses (PostgreSQL, Temporal), standing for the
 * network between them: {@link #cut()} closes every connection through it and closes each new one as soon as it is
 * accepted, as a network that is down answers; {@link #restore()} forwards again. Threads of its own, daemons.
 */
final class CuttableTcpProxy implements AutoCloseable {

  private final ServerSocket listening;
  private final InetSocketAddress upstream;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;

  private CuttableTcpProxy(ServerSocket listening, InetSocketAddress upstream) {
    this.listening = listening;
    this.upstream = upstream;
  }

  /** Forwards a free port of 127.0.0.1 to {@code 127.0.0.1:upstreamPort}. */
  static CuttableTcpProxy to(int upstreamPort) throws IOException {
    ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    CuttableTcpProxy proxy = new CuttableTcpProxy(listening, new InetSocketAddress(InetAddress.getLoopbackAddress(),
        upstreamPort));
    daemon("proxy-accept-" + listening.getLocalPort(), proxy::accept);
    return proxy;
  }

  int port() {
    return listening.getLocalPort();
  }

  /** From now on nothing gets through: the open connections are closed, new ones closed at once. */
  void cut() {
    cut = true;
    open.forEach(CuttableTcpProxy::closeQuietly);
    open.clear();
  }

  void restore() {
    cut = false;
  }

  @Override
  public void close() {
    cut();
    closeQuietly(listening);
  }

  private void accept() {
    while (!listening.isClosed()) {
      Socket client;
      try {
        client = listening.accept();
      } catch (IOException e) {
        return;
      }
      if (cut) {
        closeQuietly(client);
        continue;
      }
      Socket server = new Socket();
      try {
        server.connect(upstream, 5_000);
      } catch (IOException e) {
        closeQuietly(client);
        closeQuietly(server);
        continue;
      }
      open.add(client);
      open.add(server);
      if (cut) {
        // Cut while connecting: cut() may have missed these two.
        closeQuietly(client);
        closeQuietly(server);
        continue;
      }
      daemon("proxy-up-" + client.getPort(), () -> pipe(client, server));
      daemon("proxy-down-" + client.getPort(), () -> pipe(server, client));
    }
  }

  /** Copies one direction until either end closes, then closes both. */
  private void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // Closed by the other end or by cut(): either way this connection is over.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void daemon(String name, Runnable work) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Already closed.
    }
  }
}
