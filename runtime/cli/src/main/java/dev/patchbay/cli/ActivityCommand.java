package dev.patchbay.cli;

import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ActivityError;
import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.activities.ActivityResult;
import dev.patchbay.engine.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

@Command(name = "activity", mixinStandardHelpOptions = true, description = "Run one operation of a connector.",
    subcommands = {ActivityCommand.Run.class})
final class ActivityCommand extends GroupCommand {

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Run an activity against a connection and print its output as JSON.",
          "Errors go to stderr as CODE: message, with an exit code per error family (see patchbay --help)."})
  static final class Run extends RuntimeCommand {
    @Mixin
    SandboxOptions sandbox = new SandboxOptions();

    @Parameters(paramLabel = "ACTIVITY", description = "connector/operation, e.g. zoom/meetings.create")
    String activity;

    @Option(names = "--connection", paramLabel = "NAME", description = "The connection to run with")
    String connection;

    @Option(names = "--input", paramLabel = "JSON|@FILE", defaultValue = "{}",
        description = "The input as JSON, or @file.json (default: {})")
    String input;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT5M",
        description = "Deadline for the whole activity, ISO-8601 (default: ${DEFAULT-VALUE}; e.g. PT30M for a big download)")
    Duration timeout;

    @Option(names = "--json", description = "On failure, print the error as JSON on stdout too")
    boolean json;

    @Override
    int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) throws Exception {
      JsonNode inputJson = readInput();
      String connectorId = activity.contains("/") ? activity.substring(0, activity.indexOf('/')) : activity;
      String sandboxConnection = sandbox.open(runtime, connectorId);
      String connectionName = sandboxConnection != null ? sandboxConnection : connection;
      if (connectionName == null) {
        throw new UserException(ExitCode.USAGE, "--connection NAME is required (or --sandbox)");
      }
      try {
        ActivityResult result = runtime.activities().run(activity, connectionName, inputJson,
            ProgressBar.forTerminal(err), timeout);
        out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result.output()));
        return ExitCode.OK;
      } catch (ActivityException e) {
        ActivityError error = e.error();
        ErrorFamily family = ErrorFamily.of(error);
        err.println(family.label() + ": " + error.message());
        Object remediation = error.details().get(ActivityError.REMEDIATION);
        if (remediation != null && !error.message().contains(remediation.toString())) {
          err.println("  " + remediation);
        }
        if (json) {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("code", error.code().name());
          body.put("message", error.message());
          body.put("details", error.details());
          JsonOutput.print(out, Map.of("error", body));
        }
        return family.exitCode();
      }
    }

    private JsonNode readInput() {
      String text = input;
      if (input.startsWith("@")) {
        Path file = Path.of(input.substring(1));
        try {
          text = Files.readString(file);
        } catch (NoSuchFileException e) {
          throw new UserException(ExitCode.USAGE, "input file not found: " + file);
        } catch (IOException e) {
          throw new UserException(ExitCode.USAGE, "cannot read input file " + file + ": " + e.getMessage());
        }
      }
      try {
        JsonNode node = Json.MAPPER.readTree(text);
        if (node == null || !node.isObject()) {
          throw new UserException(ExitCode.of(dev.patchbay.api.ErrorCode.INVALID_INPUT),
              "INVALID_INPUT: --input must be a JSON object, e.g. '{\"topic\":\"Standup\"}'");
        }
        return node;
      } catch (JacksonException e) {
        throw new UserException(ExitCode.of(dev.patchbay.api.ErrorCode.INVALID_INPUT), "INVALID_INPUT: --input is not "
            + "valid JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
            + e.getOriginalMessage());
      }
    }
  }
}
