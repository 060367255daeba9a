package dev.patchbay.server.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium and its chromedriver (Debian's {@code chromium} and {@code chromium-driver} packages), named
 * explicitly so that Selenium Manager never looks for, or downloads, a browser or a driver of its own.
 */
final class Chromium {

  static final Path BROWSER = Path.of(System.getProperty("patchbay.chromium", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getProperty("patchbay.chromedriver", "/usr/bin/chromedriver"));

  /**
   * Headless as root on a machine whose only network is loopback: no sandbox (root), no GPU or /dev/shm (CI
   * containers), and none of the background traffic (updates, sync, QUIC, default apps) that the closed network
   * would refuse and that would only slow start-up.
   */
  private static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
      "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-default-apps", "--window-size=1280,1024");

  private Chromium() {}

  /** Why the browser tests cannot run here, or null when both binaries are present. */
  static String missing() {
    List<String> absent = new ArrayList<>();
    for (Path binary : List.of(BROWSER, DRIVER)) {
      if (!Files.isExecutable(binary)) {
        absent.add(binary.toString());
      }
    }
    return absent.isEmpty() ? null : "browser tests skipped: no " + String.join(" and no ", absent)
        + "; install Debian's chromium and chromium-driver packages (.ci/run does), or point -Dpatchbay.chromium and "
        + "-Dpatchbay.chromedriver at a Chromium and its chromedriver";
  }

  /** A headless Chromium keeping its profile in {@code profile}, a fresh folder the caller deletes. */
  static ChromeDriver start(Path profile) {
    ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile()).addArguments(FLAGS)
        .addArguments("--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }
}
