package dev.patchbay.cli;

import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.catalog.Catalog;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.catalog.ConnectorSummary;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.definitions.DefinitionOutline;
import dev.patchbay.engine.definitions.FieldDefinition;
import dev.patchbay.engine.definitions.OperationDefinition;
import dev.patchbay.engine.definitions.ScopeDefinition;
import dev.patchbay.engine.definitions.WebhookDefinition;
import dev.patchbay.engine.plugins.PluginReport;
import dev.patchbay.engine.workflows.check.Suggestions;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "connectors", mixinStandardHelpOptions = true, description = "What the loaded connectors offer.",
    subcommands = {ConnectorsCommand.ListConnectors.class, ConnectorsCommand.ShowConnector.class})
final class ConnectorsCommand extends GroupCommand {


  /** Plugins that failed are mentioned on stderr so a missing connector is never a mystery. */
  static void warnAboutFailedPlugins(Catalog catalog, PrintWriter err) {
    List<PluginReport> failed = catalog.failedPlugins();
    if (!failed.isEmpty()) {
      err.println("warning: " + failed.size() + " plugin" + (failed.size() == 1 ? "" : "s") + " failed to load ("
          + failed.stream().map(PluginReport::fileName).collect(Collectors.joining(", "))
          + "); see 'patchbay plugins list'");
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the connectors in the catalog.")
  static final class ListConnectors extends RuntimeCommand {
    @Option(names = "--json", description = "Print JSON")
    boolean json;

    @Override
    int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) {
      Catalog catalog = runtime.catalog();
      if (json) {
        JsonOutput.print(out, catalog.connectors().stream().map(ConnectorSummary::of).toList());
      } else if (catalog.connectors().isEmpty()) {
        out.println("No connectors. Drop a connector plugin zip into " + runtime.home().plugins()
            + ", or a declarative definition (*.json) into " + runtime.home().connectors());
      } else {
        Table table = new Table("ID", "NAME", "VERSION", "OPERATIONS", "AUTH TYPES", "PLUGIN");
        // The outline: listing binds no definition verified before.
        for (CatalogEntry entry : catalog.connectors()) {
          DefinitionOutline outline = entry.outline();
          table.row(outline.id(), outline.name(), outline.version(), String.valueOf(outline.operations().size()),
              String.join(",", outline.authTypeIds()), entry.archive().getFileName().toString());
        }
        table.print(out);
      }
      warnAboutFailedPlugins(catalog, err);
      return ExitCode.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show a connector: auth types with their fields, scopes, operations with required scopes, "
          + "webhook events.")
  static final class ShowConnector extends RuntimeCommand {
    @Parameters(index = "0", paramLabel = "CONNECTOR", description = "Connector id, e.g. zoom")
    String connectorId;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OPERATION",
        description = "An operation, e.g. meetings.create: its input fields (type, required, default), scopes")
    String operationId;

    @Option(names = "--json", description = "Print the connector's definition as JSON")
    boolean json;

    @Override
    int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) {
      Catalog catalog = runtime.catalog();
      CatalogEntry entry = catalog.connector(connectorId).orElseThrow(() -> {
        warnAboutFailedPlugins(catalog, err);
        return new UserException(ExitCode.NOT_FOUND, "no connector '" + connectorId + "' in the catalog"
            + (catalog.connectors().isEmpty() ? "" : "; known: " + catalog.connectors().stream()
                .map(CatalogEntry::id).collect(Collectors.joining(", "))));
      });
      if (operationId != null) {
        OperationDefinition operation = entry.definition().operation(operationId).orElseThrow(() -> {
          List<String> known = entry.definition().operations().stream().map(OperationDefinition::id).toList();
          return new UserException(ExitCode.NOT_FOUND, "connector '" + connectorId + "' has no operation '"
              + operationId + "'" + Suggestions.hint(operationId, known) + "; its operations: "
              + String.join(", ", known));
        });
        if (json) {
          JsonOutput.print(out, operation);
        } else {
          describe(connectorId, operation, out);
        }
        return ExitCode.OK;
      }
      if (json) {
        JsonOutput.print(out, entry.definition().document());
      } else {
        describe(entry, out);
      }
      return ExitCode.OK;
    }

    private static void describe(String connectorId, OperationDefinition operation, PrintWriter out) {
      out.println(connectorId + "/" + operation.id() + "  " + operation.displayName());
      out.println(operation.description());
      out.println();
      out.println("Needs one of: " + scopes(operation));
      out.println("Rate limit:   " + operation.rateLimitCategory() + "; retried after a lost answer: "
          + (operation.idempotent() ? "yes" : "no") + (operation.paginated() ? "; paginated" : ""));
      out.println();
      out.println("Input fields");
      List<OperationFields.Field> fields = OperationFields.of(operation.input());
      if (fields.isEmpty()) {
        out.println("  (none)");
        return;
      }
      Table table = new Table("  FIELD", "TYPE", "REQUIRED", "DEFAULT", "DESCRIPTION");
      for (OperationFields.Field field : fields) {
        table.row("  " + field.name(), field.type(), field.required() ? "yes" : "no",
            field.defaultValue().isEmpty() ? "-" : field.defaultValue(), field.description());
      }
      table.print(out);
      out.println();
      out.println("Run it: patchbay activity run " + connectorId + "/" + operation.id()
          + " --connection NAME --input '{...}'   (--json on 'connectors show' prints the full schemas)");
    }

    private static String scopes(OperationDefinition operation) {
      return operation.requiredScopes().isEmpty() ? "(no scope)" : operation.requiredScopes().stream()
          .map(set -> String.join("+", set)).collect(Collectors.joining(" | "));
    }

    private static void describe(CatalogEntry entry, PrintWriter out) {
      ConnectorDefinition definition = entry.definition();
      out.println(definition.name() + " (" + definition.id() + ") " + definition.version());
      out.println(definition.description());
      out.println();
      out.println("Base URL: " + definition.baseUrl());
      out.println("Plugin:   " + entry.pluginId() + " (" + entry.archive().getFileName() + ")");
      out.println();
      out.println("Auth types");
      Table authTypes = new Table("  AUTH TYPE", "NAME", "KIND");
      for (AuthTypeDefinition authType : definition.authTypes()) {
        authTypes.row("  " + authType.id(), authType.displayName(), authType.kind().wireName()
            + (authType.clientCredentials() == AuthTypeDefinition.ClientCredentials.OPERATOR
                ? ", the operator's app" : ""));
      }
      authTypes.print(out);
      for (AuthTypeDefinition authType : definition.authTypes()) {
        if (authType.fieldList().isEmpty()) {
          continue;
        }
        out.println();
        out.println("Fields of " + authType.id());
        Table fields = new Table("  FIELD", "REQUIRED", "DESCRIPTION");
        for (FieldDefinition field : authType.fieldList()) {
          fields.row("  " + (field.secret() ? "--field-stdin " + field.name() + " (or "
              + ConnectionsCommand.Add.environmentVariable(field) + ")" : "--field " + field.name() + "=..."),
              (field.required() ? "required" : "optional")
              + (field.secret() ? ", secret" : ""), field.description());
        }
        fields.print(out);
      }
      out.println();
      out.println("Scopes");
      Table scopes = new Table("  SCOPE", "DESCRIPTION");
      for (ScopeDefinition scope : definition.scopes()) {
        scopes.row("  " + scope.name(), scope.description());
      }
      scopes.print(out);
      out.println();
      out.println("Operations");
      Table operations = new Table("  OPERATION", "NAME", "RATE", "RETRIED", "NEEDS ONE OF");
      for (OperationDefinition operation : definition.operations()) {
        operations.row("  " + operation.id(), operation.displayName(), operation.rateLimitCategory(),
            operation.idempotent() ? "yes" : "no", scopes(operation));
      }
      operations.print(out);
      out.println("Input fields of one: patchbay connectors show " + definition.id() + " OPERATION");
      if (definition.webhooks() != null) {
        out.println();
        out.println("Webhook events (received at /webhooks/" + definition.id() + "; trigger: {event: "
            + definition.id() + "/EVENT})");
        Table events = new Table("  EVENT", "DESCRIPTION");
        for (WebhookDefinition.Event event : definition.webhooks().events()) {
          events.row("  " + event.name(), event.description());
        }
        events.print(out);
      }
    }
  }
}
