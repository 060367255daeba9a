package dev.patchbay.api;

import tools.jackson.databind.JsonNode;

/** What an activity gets for one run. */
public interface ActivityContext {

  /** The validated input, with the schema's defaults applied. */
  JsonNode input();

  /** HTTP to the provider, bound to the connection this activity runs with. */
  ConnectorHttp http();

  /** Where long-running work (downloads, multi-page listings) reports how far it has come. */
  Progress progress();
}
