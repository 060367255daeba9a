package dev.patchbay.bench;

import dev.patchbay.api.Activity;
import dev.patchbay.api.AuthHandler;
import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.Connector;
import java.util.Map;

/** GitHub's issues.get written in Java, for {@link DeclarativeBenchmark}: the declarative one's peer. */
public final class JavaGitHub implements Connector {

  static final String ID = "githubjava";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Activity> activities() {
    return Map.of("issues.get", new JavaIssuesGet());
  }

  @Override
  public Map<String, AuthHandler> authHandlers() {
    return Map.of("token", http -> new ConnectionIdentity(null, "1", "octocat", null));
  }
}
