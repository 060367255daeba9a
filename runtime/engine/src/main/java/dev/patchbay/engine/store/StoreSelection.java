package dev.patchbay.engine.store;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.secrets.Secret;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Which store a process uses: the files under {@code $PATCHBAY_HOME} (the default), or the shared store that {@code
 * PATCHBAY_STORE}, else {@code store.url} in {@code $PATCHBAY_HOME/config/store.properties}, names. The password
 * comes from {@code PATCHBAY_STORE_PASSWORD}, else the file {@code PATCHBAY_STORE_PASSWORD_FILE} (or {@code
 * store.passwordFile}) names; a URL holding a password is refused, since URLs end up in shell histories and logs.
 */
public final class StoreSelection {

  public static final String ENV = "PATCHBAY_STORE";
  public static final String PASSWORD_ENV = "PATCHBAY_STORE_PASSWORD";
  public static final String PASSWORD_FILE_ENV = "PATCHBAY_STORE_PASSWORD_FILE";
  static final String CONFIG_FILE = "store.properties";

  private StoreSelection() {}

  /** The shared store configured for this environment and home; empty for the file store. */
  public static Optional<StoreLocation> configured(Map<String, String> env, PatchbayHome home)
      throws StoreUnavailableException {
    String url = env.get(ENV);
    String passwordFile = env.get(PASSWORD_FILE_ENV);
    String source = ENV;
    Path config = home.config().resolve(CONFIG_FILE);
    if ((url == null || url.isBlank()) && Files.exists(config)) {
      Properties properties = read(config);
      url = properties.getProperty("store.url");
      source = "store.url in " + config;
      if (passwordFile == null) {
        passwordFile = properties.getProperty("store.passwordFile");
      }
    }
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(location(url.strip(), source, password(env.get(PASSWORD_ENV), passwordFile)));
  }

  /**
   * The location named by {@code url}, given elsewhere than the environment (as {@code patchbay store copy --to}
   * does), with the password from the environment.
   */
  public static StoreLocation location(String url, String source, Map<String, String> env)
      throws StoreUnavailableException {
    return location(url, source, password(env.get(PASSWORD_ENV), env.get(PASSWORD_FILE_ENV)));
  }

  /** Opens the store at {@code location} with the provider of its scheme. */
  public static SharedStore open(StoreLocation location) throws StoreUnavailableException {
    for (StoreProvider provider : ServiceLoader.load(StoreProvider.class, StoreSelection.class.getClassLoader())) {
      if (provider.scheme().equals(location.scheme())) {
        return provider.open(location);
      }
    }
    throw new StoreUnavailableException("no store for " + location.scheme() + ":// URLs is installed (the "
        + "patchbay-store-postgres jar must be on the class path; the distribution's lib/ has it)");
  }

  private static StoreLocation location(String url, String source, Secret password)
      throws StoreUnavailableException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new StoreUnavailableException(source + " is not a URL (" + e.getReason()
          + "); write it as postgresql://USER@HOST:PORT/DATABASE");
    }
    if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("postgresql")
        || uri.getHost() == null) {
      throw new StoreUnavailableException(source + " must look like postgresql://USER@HOST:PORT/DATABASE"
          + " (the only shared store is PostgreSQL; unset it to use the files under PATCHBAY_HOME)");
    }
    if (uri.getRawUserInfo() != null && uri.getRawUserInfo().contains(":")) {
      throw new StoreUnavailableException(source + " holds a password: remove it from the URL and set "
          + PASSWORD_ENV + ", or " + PASSWORD_FILE_ENV + " to a file holding it");
    }
    if (uri.getRawQuery() != null && uri.getRawQuery().toLowerCase(Locale.ROOT).contains("password")) {
      throw new StoreUnavailableException(source + " holds a password parameter: remove it from the URL and set "
          + PASSWORD_ENV + ", or " + PASSWORD_FILE_ENV + " to a file holding it");
    }
    return new StoreLocation(uri, password);
  }

  private static Secret password(String value, String file) throws StoreUnavailableException {
    if (value != null) {
      return Secret.of(value);
    }
    if (file == null || file.isBlank()) {
      return Secret.of("");
    }
    try {
      // The first line: a file written with echo ends with a newline that is not part of the password.
      return Secret.of(Files.readString(Path.of(file), StandardCharsets.UTF_8).lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot read the store password file " + file + " ("
          + e.getClass().getSimpleName() + "): fix " + PASSWORD_FILE_ENV + " or store.passwordFile");
    }
  }

  private static Properties read(Path config) throws StoreUnavailableException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new StoreUnavailableException("cannot read " + config + ": " + e.getMessage());
    }
    return properties;
  }
}
