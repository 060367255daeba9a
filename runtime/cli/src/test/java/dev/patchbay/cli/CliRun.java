package dev.patchbay.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** One in-process run of the {@code patchbay} command line. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Runs with {@code --home home} appended, so the command works on a test's own Patchbay home. */
  static CliRun inHome(Path home, String... args) {
    String[] withHome = new String[args.length + 2];
    System.arraycopy(args, 0, withHome, 0, args.length);
    withHome[args.length] = "--home";
    withHome[args.length + 1] = home.toString();
    return of(withHome);
  }

  /** Runs in {@code home} with {@code stdin} as standard input, as {@code patchbay ... < file} would. */
  static CliRun inHomeWithInput(Path home, String stdin, String... args) {
    java.io.InputStream original = System.in;
    System.setIn(new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    try {
      return inHome(home, args);
    } finally {
      System.setIn(original);
    }
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
