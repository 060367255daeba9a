package dev.patchbay.cli;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.definitions.VerifiedDefinitions;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.plugins.AdmissionPins;
import dev.patchbay.engine.plugins.AdmissionPolicy;
import dev.patchbay.engine.plugins.ArchiveSnapshot;
import dev.patchbay.engine.plugins.MalformedAdmissionPolicyException;
import dev.patchbay.engine.plugins.PluginArchiveException;
import dev.patchbay.engine.plugins.PluginReport;
import dev.patchbay.engine.plugins.PluginStatus;
import dev.patchbay.engine.plugins.PluginSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

@Command(name = "plugins", mixinStandardHelpOptions = true, description = "The plugin archives and what became of them.",
    subcommands = {PluginsCommand.ListPlugins.class, PluginsCommand.Pin.class})
final class PluginsCommand extends GroupCommand {


  @Command(name = "list", mixinStandardHelpOptions = true,
      description = {"List every plugin archive found: id, version, state, and the error of those that failed.",
          "The last line says which admission policy ($PATCHBAY_HOME/config/plugins.properties) they were checked "
              + "against.",
          "Exits 1 when any plugin FAILED (with --json: 0, the status is in the JSON)."})
  static final class ListPlugins extends RuntimeCommand {
    @Option(names = "--json", description = "Print JSON")
    boolean json;

    @Override
    int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) {
      List<PluginReport> reports = runtime.catalog().plugins();
      if (json) {
        JsonOutput.print(out, reports.stream().map(PluginSummary::of).toList());
        return ExitCode.OK;
      }
      if (reports.isEmpty()) {
        out.println("No plugins found in " + runtime.home().plugins());
      } else {
        Table table = new Table("FILE", "ID", "VERSION", "STATE", "CONNECTORS / ERROR");
        for (PluginReport report : reports) {
          table.row(report.fileName(), report.pluginId(), report.version(), report.status().name(),
              report.error() != null ? report.error() : String.join(",", report.connectors()));
        }
        table.print(out);
      }
      out.println("Admission: " + runtime.plugins().admissionPolicy().summary());
      // A script (or a build) checking that the plugins it dropped in load needs no parsing; --json readers have
      // each plugin's status and keep exit 0.
      boolean anyFailed = reports.stream().anyMatch(report -> report.status() == PluginStatus.FAILED);
      return anyFailed ? ExitCode.INVALID : ExitCode.OK;
    }
  }

  @Command(name = "pin", mixinStandardHelpOptions = true,
      description = {"Print a plugin zip's id (or a bare connector definition's, *.json: its connector id) and the "
          + "line that pins it in the admission policy: sha256.<id> = <the file's SHA-256>. With that line in "
          + "$PATCHBAY_HOME/config/plugins.properties (and the id in its allow line), only this exact file is loaded "
          + "with that id.",
          "--write adds the pin to the file (replacing the id's old pin, adding the id to allow, creating the file "
              + "when missing), atomically and with mode 600."})
  static final class Pin implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The plugin zip, or connector definition (*.json), to pin")
    Path zip;

    @Option(names = "--write", description = "Write the pin into $PATCHBAY_HOME/config/plugins.properties")
    boolean write;

    @Option(names = "--home", paramLabel = "DIR",
        description = "Patchbay home (default: $PATCHBAY_HOME, else ~/.patchbay)")
    Path homeOption;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PatchbayHome home = RuntimeOptions.home(homeOption);
      Path policyFile = home.pluginAdmissionPolicy();
      boolean definition = zip.getFileName().toString().endsWith(".json");
      if (!Files.isRegularFile(zip)) {
        throw new UserException(ExitCode.NOT_FOUND, "no " + (definition ? "connector definition" : "plugin zip")
            + " at " + zip);
      }
      Pinned pinned = definition ? definition(zip) : archive(zip, home);
      String pluginId = pinned.id();
      String digest = pinned.digest();
      if (!AdmissionPolicy.isPluginId(pluginId)) {
        throw new UserException(ExitCode.INVALID, zip + ": " + (definition ? "id " : "plugin.id ")
            + (pluginId == null ? "is missing" : "'" + pluginId + "' is not a plugin id ("
            + AdmissionPolicy.PLUGIN_ID_RULE + ")") + "; such " + (definition ? "a definition" : "an archive")
            + " is never admitted, so it cannot be pinned");
      }
      out.println(pluginId + " " + pinned.version() + " (" + zip.getFileName() + ")");
      if (!write) {
        out.println(AdmissionPolicy.PIN_PREFIX + pluginId + " = " + digest);
        out.println("Add this line to " + policyFile + ", with " + pluginId + " in its allow line, or run again "
            + "with --write.");
        return ExitCode.OK;
      }
      AdmissionPins.Written written;
      try {
        written = AdmissionPins.pin(policyFile, pluginId, digest);
      } catch (MalformedAdmissionPolicyException e) {
        throw new UserException(ExitCode.INVALID, e.getMessage());
      }
      out.println(written.line());
      out.println(describe(written, pluginId));
      return ExitCode.OK;
    }

    /** What a pin is made of: the id the admission policy knows the file by, and the file's SHA-256. */
    private record Pinned(String id, String version, String digest) {}

    private static Pinned archive(Path zip, PatchbayHome home) throws IOException {
      try (ArchiveSnapshot snapshot = ArchiveSnapshot.take(zip, home.pluginCache())) {
        return new Pinned(snapshot.pluginId(), snapshot.version(), snapshot.digest());
      } catch (PluginArchiveException e) {
        throw new UserException(ExitCode.INVALID, zip + ": " + e.getMessage());
      }
    }

    /** A bare definition is admitted by its connector id, pinned by the SHA-256 of the file as it is. */
    private static Pinned definition(Path file) throws IOException {
      byte[] bytes = Files.readAllBytes(file);
      JsonNode json;
      try {
        json = Json.MAPPER.readTree(bytes);
      } catch (JacksonException e) {
        throw new UserException(ExitCode.INVALID, file + ": not valid JSON, so not a connector definition ("
            + e.getOriginalMessage() + ")");
      }
      return new Pinned(json.path("id").isString() ? json.path("id").asString() : null,
          json.path("version").asString("(no version)"), VerifiedDefinitions.sha256(bytes));
    }

    private static String describe(AdmissionPins.Written written, String pluginId) {
      if (written.created()) {
        return "Created " + written.file() + " with allow = " + pluginId + " and this pin: from now on only the "
            + "plugins it allows are admitted.";
      }
      StringBuilder what = new StringBuilder("Wrote the pin to " + written.file());
      if (written.replacedDigest() != null) {
        what.append(", replacing ").append(written.replacedDigest());
      }
      if (written.allowed()) {
        what.append("; added ").append(pluginId).append(" to allow");
      }
      return what.append('.').toString();
    }
  }
}
