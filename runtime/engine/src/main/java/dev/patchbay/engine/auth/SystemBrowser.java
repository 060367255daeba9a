package dev.patchbay.engine.auth;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;

/**
 * The user's desktop browser; where there is none (a server, a container, an SSH session), the URL is printed for
 * the user to open wherever they have a browser that can reach this machine's loopback.
 */
public final class SystemBrowser implements Browser {

  private final PrintWriter out;
  private final boolean printOnly;

  /**
   * @param printOnly never try a desktop browser (the CLI's {@code --no-browser})
   */
  public SystemBrowser(PrintWriter out, boolean printOnly) {
    this.out = out;
    this.printOnly = printOnly;
  }

  @Override
  public void open(String url) throws IOException {
    if (!printOnly && !GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
        && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
      out.println("Opening your browser to sign in. If it does not open, visit:");
      out.println("  " + url);
      out.flush();
      Desktop.getDesktop().browse(URI.create(url));
      return;
    }
    out.println("Open this address in a browser on this machine to sign in:");
    out.println("  " + url);
    out.println("Waiting for the sign-in (5 minutes)...");
    out.flush();
  }
}
