package dev.patchbay.engine.sandbox;

import dev.patchbay.api.RunningSandbox;
import dev.patchbay.engine.catalog.CatalogLease;
import java.util.Map;

/** A running sandbox that holds its plugin loaded until it is closed. */
final class LeasedSandbox implements RunningSandbox {

  private final RunningSandbox running;
  private final CatalogLease lease;

  LeasedSandbox(RunningSandbox running, CatalogLease lease) {
    this.running = running;
    this.lease = lease;
  }

  @Override
  public String baseUrl() {
    return running.baseUrl();
  }

  @Override
  public String authorizeUrl() {
    return running.authorizeUrl();
  }

  @Override
  public String tokenUrl() {
    return running.tokenUrl();
  }

  @Override
  public String revokeUrl() {
    return running.revokeUrl();
  }

  @Override
  public Map<String, String> connectionFields(String authTypeId) {
    return running.connectionFields(authTypeId);
  }

  @Override
  public boolean newUserPerSignIn() {
    return running.newUserPerSignIn();
  }

  @Override
  public void close() {
    try {
      running.close();
    } finally {
      lease.close();
    }
  }
}
