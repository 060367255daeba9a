package dev.patchbay.engine.declarative.mock;

import dev.patchbay.api.RunningSandbox;
import dev.patchbay.api.Sandbox;
import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import java.io.IOException;

/**
 * The mock sandbox of a declarative connector: a loopback HTTP server answering each operation's request with its
 * first example (already checked against the output schema at load), so that workflows using the connector run
 * with no account. It keeps no state, emulates no OAuth endpoints (connect with a pasted-secret auth type: the
 * mock generates the key) and takes no seed file.
 */
public final class ExampleSandbox implements Sandbox {

  private final ConnectorDefinition definition;

  public ExampleSandbox(ConnectorDefinition definition) {
    this.definition = definition;
  }

  @Override
  public RunningSandbox start(SandboxOptions options) throws IOException {
    if (options.seedFile() != null) {
      throw new IllegalArgumentException("the mock sandbox of " + definition.id() + " takes no seed file: it "
          + "answers with the examples of its definition's operations");
    }
    return new RunningExampleSandbox(definition, new ExampleAnswers(definition), options.port());
  }
}
