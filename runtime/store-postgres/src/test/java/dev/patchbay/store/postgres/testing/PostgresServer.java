package dev.patchbay.store.postgres.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, started once per test JVM from the server binaries of Debian's {@code
 * postgresql} package ({@code .ci/run} installs it; {@code -Dpatchbay.postgres.bin=DIR} points elsewhere): a fresh
 * cluster in a temporary folder, password authentication, a free port on 127.0.0.1, stopped when the JVM exits.
 * PostgreSQL refuses to run as root, so under root (CI) its programs run as the package's {@code postgres} user.
 */
public final class PostgresServer {

  public static final String USER = "patchbay";
  /** A canary too: it must never appear in an answer, a message or a log. */
  public static final String PASSWORD = "pg-canary-Zq81-password";

  private static PostgresServer started;

  private final Path bin;
  private final Path folder;
  private final int port;
  private final boolean asRoot;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresServer(Path bin, Path folder, int port, boolean asRoot) {
    this.bin = bin;
    this.folder = folder;
    this.port = port;
    this.asRoot = asRoot;
  }

  /** The server of this JVM, started on first use. */
  public static synchronized PostgresServer get() {
    if (started == null) {
      started = start();
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
    }
    return started;
  }

  public int port() {
    return port;
  }

  /** A fresh, empty database owned by {@link #USER}: its {@code postgresql://} URL, without the password. */
  public String createDatabase() {
    String name = "t" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
    execute("postgres", "CREATE DATABASE " + name + " OWNER " + USER);
    return url(name);
  }

  public String url(String database) {
    return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + database;
  }

  /** Runs SQL as the superuser in {@code database}, e.g. to make it read-only. */
  public void execute(String database, String sql) {
    try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** A JDBC session as {@link #USER}, the superuser of this cluster. */
  public Connection connect(String database) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    properties.setProperty("password", PASSWORD);
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
  }

  /** The environment a Patchbay process needs to use {@code url}. */
  public static Map<String, String> environment(String url) {
    return Map.of("PATCHBAY_STORE", url, "PATCHBAY_STORE_PASSWORD", PASSWORD);
  }

  private static PostgresServer start() {
    Path bin = binaries();
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    try {
      Path folder = Files.createTempDirectory("patchbay-pg-");
      if (asRoot) {
        UserPrincipal postgres = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(folder, postgres);
      }
      Path passwordFile = folder.resolve("pwfile");
      Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
      if (asRoot) {
        Files.setOwner(passwordFile, folder.getFileSystem().getUserPrincipalLookupService()
            .lookupPrincipalByName("postgres"));
      }
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      PostgresServer server = new PostgresServer(bin, folder, port, asRoot);
      server.run("initdb", "-D", folder.resolve("data").toString(), "-U", USER, "--pwfile=" + passwordFile,
          "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync");
      server.run("pg_ctl", "-D", folder.resolve("data").toString(), "-l", folder.resolve("server.log").toString(),
          "-w", "-t", "60", "-o", "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off "
              + "-c max_connections=200", "start");
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start PostgreSQL for the tests: " + e.getMessage(), e);
    }
  }

  private void stop() {
    try {
      run("pg_ctl", "-D", folder.resolve("data").toString(), "-m", "immediate", "-w", "stop");
    } catch (RuntimeException e) {
      // The JVM is going: a server that did not stop is ended with its folder's removal below failing loudly enough.
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A temporary folder left behind.
    }
  }

  private void run(String program, String... args) {
    List<String> command = new ArrayList<>();
    if (asRoot) {
      command.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    try {
      Path output = Files.createTempFile(folder, program, ".out");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
          .directory(folder.toFile()).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(program + " did not finish in 120 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(program + " failed (" + process.exitValue() + "): "
            + Files.readString(output));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + program, e);
    }
  }

  /** The server binaries: the newest Debian-packaged PostgreSQL, unless {@code patchbay.postgres.bin} says. */
  private static Path binaries() {
    String configured = System.getProperty("patchbay.postgres.bin");
    if (configured != null) {
      return Path.of(configured);
    }
    Path debian = Path.of("/usr/lib/postgresql");
    try (Stream<Path> versions = Files.list(debian)) {
      return versions.filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
          .max(Comparator.comparing(version -> Integer.parseInt(version.getFileName().toString().split("\\.")[0])))
          .map(version -> version.resolve("bin"))
          .orElseThrow();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("no PostgreSQL server found in " + debian + ": install Debian's postgresql "
          + "package (sudo apt-get install postgresql; .ci/run does), or point -Dpatchbay.postgres.bin at a folder "
          + "with initdb and pg_ctl");
    }
  }
}
