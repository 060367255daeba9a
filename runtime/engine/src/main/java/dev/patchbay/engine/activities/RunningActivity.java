package dev.patchbay.engine.activities;

import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ConnectorHttp;
import dev.patchbay.api.Progress;
import tools.jackson.databind.JsonNode;

/** The context a plugin's activity runs with. */
record RunningActivity(JsonNode input, ConnectorHttp http, Progress progress) implements ActivityContext {}
