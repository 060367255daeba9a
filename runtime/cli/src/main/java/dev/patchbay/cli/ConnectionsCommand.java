package dev.patchbay.cli;

import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ratelimit.RateLimit;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.ConnectionStore;
import dev.patchbay.engine.connections.NewConnection;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.FieldDefinition;
import dev.patchbay.engine.secrets.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "connections", mixinStandardHelpOptions = true,
    description = "Connect accounts, and manage the connections activities run with.",
    subcommands = {ConnectionsCommand.Add.class, ConnectionsCommand.ListConnections.class,
        ConnectionsCommand.Show.class, ConnectionsCommand.Test.class, ConnectionsCommand.Reauth.class,
        ConnectionsCommand.Remove.class, ConnectionsCommand.SetLimits.class})
final class ConnectionsCommand extends GroupCommand {

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = {"Connect an account: signs in at the provider (authorization code) or requests a token "
          + "(server-to-server), then stores the connection encrypted.",
          "Secret fields are refused as --field arguments (every user of the machine can read a command line): give "
              + "one with --field-stdin NAME (its value on the first line of standard input), in PATCHBAY_FIELD_<NAME> "
              + "(e.g. PATCHBAY_FIELD_CLIENT_SECRET), or at the prompt, which does not echo."})
  static final class Add extends RuntimeCommand {
    @Parameters(paramLabel = "CONNECTOR", description = "Connector id, e.g. zoom")
    String connectorId;

    @Option(names = "--auth", required = true, paramLabel = "AUTH_TYPE",
        description = "Auth type id (patchbay connectors show CONNECTOR lists them)")
    String authTypeId;

    @Option(names = "--name", required = true, description = "Your name for the connection")
    String name;

    @Option(names = "--field", paramLabel = "KEY=VALUE",
        description = "A field of the auth type that is not secret (repeatable), e.g. clientId=abc123")
    Map<String, String> fields = new LinkedHashMap<>();

    @Option(names = "--field-stdin", paramLabel = "NAME",
        description = "Read this field (a secret one, say) from the first line of standard input")
    String fieldFromStdin;

    @Option(names = "--no-browser", description = "Print the sign-in address instead of opening a browser")
    boolean noBrowser;

    @Option(names = "--base-url", description = "API base URL instead of the definition's (regional cluster, tests)")
    String baseUrl;

    @Option(names = "--authorize-url", description = "Authorization endpoint instead of the definition's")
    String authorizeUrl;

    @Option(names = "--token-url", description = "Token endpoint instead of the definition's")
    String tokenUrl;

    @Option(names = "--revoke-url", description = "Revocation endpoint instead of the definition's")
    String revokeUrl;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "A scope to ask for at sign-in, instead of every "
        + "scope the connector's operations need (repeatable; a scope the connector declares, for auth types that "
        + "ask for scopes, such as GitHub's and Slack's OAuth)")
    List<String> scopes = new ArrayList<>();

    @Override
    int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) throws Exception {
      AuthTypeDefinition authType = runtime.catalog().connector(connectorId)
          .flatMap(entry -> entry.definition().authType(authTypeId))
          .orElseThrow(() -> new UserException(ExitCode.NOT_FOUND, "no auth type '" + authTypeId
              + "' for connector '" + connectorId + "' (patchbay connectors show " + connectorId + ")"));
      refuseSecretArguments(authType);
      Map<String, String> plain = new TreeMap<>();
      Map<String, Secret> secrets = new TreeMap<>();
      Map<String, String> given = new LinkedHashMap<>(fields);
      if (fieldFromStdin != null) {
        given.put(fieldFromStdin, firstLineOfStandardInput());
      }
      for (FieldDefinition field : authType.fieldList()) {
        String value = given.remove(field.name());
        if (!field.secret()) {
          if (value != null) {
            plain.put(field.name(), value);
          }
          continue;
        }
        Secret secret = value != null ? Secret.of(value) : secretFromEnvironmentOrPrompt(field);
        if (secret != null) {
          secrets.put(field.name(), secret);
        }
      }
      // Fields the auth type does not have go along, so the check names them.
      plain.putAll(given);
      Connection connection = runtime.connections().add(new NewConnection(connectorId, authTypeId, name, plain,
          secrets, baseUrl, authorizeUrl, tokenUrl, revokeUrl, scopes), runtimeOptions.browser(out, noBrowser));
      out.println("Connected '" + connection.name() + "' (" + connection.connectorId() + ", " + authTypeId + ") as "
          + Describe.identity(connection) + ".");
      out.println("Granted scopes: " + grantedScopes(authType, connection));
      warnSuperseded(runtime, connection, out);
      return ExitCode.OK;
    }

    private static String grantedScopes(AuthTypeDefinition authType, Connection connection) {
      if (!connection.grantedScopes().isEmpty()) {
        return String.join(" ", new TreeSet<>(connection.grantedScopes()));
      }
      return authType.scopesUnknown()
          ? "unknown (the provider decides at each call; scopes are not checked before calls)" : "none";
    }

    /**
     * A secret on the command line is readable by every user of the machine ({@code ps}, {@code /proc/PID/cmdline})
     * while the sign-in waits, and stays in shell history: refused before anything else happens, and never echoed.
     */
    private void refuseSecretArguments(AuthTypeDefinition authType) {
      for (FieldDefinition field : authType.fieldList()) {
        if (field.secret() && fields.containsKey(field.name())) {
          throw new UserException(ExitCode.USAGE, "--field " + field.name() + "=... refused: " + field.name()
              + " is secret, and a command line can be read by every user of this machine and stays in shell "
              + "history. Give it with --field-stdin " + field.name() + " (e.g. < file), in "
              + environmentVariable(field) + ", or at the prompt, which does not echo; then change that secret at "
              + "the provider if this command line was shared");
        }
      }
      if (fieldFromStdin != null && authType.fieldList().stream().noneMatch(f -> f.name().equals(fieldFromStdin))) {
        throw new UserException(ExitCode.USAGE, "--field-stdin " + fieldFromStdin + ": auth type '" + authType.id()
            + "' has no such field (patchbay connectors show " + connectorId + " lists them)");
      }
    }

    static String firstLineOfStandardInput() throws IOException {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isBlank()) {
        throw new UserException(ExitCode.USAGE, "--field-stdin: standard input is empty; give the value on its "
            + "first line");
      }
      return line.strip();
    }

    /** {@code PATCHBAY_FIELD_CLIENT_SECRET} for {@code clientSecret}. */
    static String environmentVariable(FieldDefinition field) {
      return "PATCHBAY_FIELD_" + field.name().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    static Secret secretFromEnvironmentOrPrompt(FieldDefinition field) {
      String fromEnvironment = System.getenv(environmentVariable(field));
      if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
        return Secret.of(fromEnvironment);
      }
      java.io.Console console = System.console();
      if (console == null) {
        return null;
      }
      char[] typed = console.readPassword("%s (%s, hidden): ", field.title(), field.name());
      return typed == null || typed.length == 0 ? null : Secret.of(new String(typed));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List connections and their status.")
  static final class ListConnections extends RuntimeCommand {
    @Option(names = "--json", description = "Print JSON")
    boolean json;

    @Override
    int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) throws Exception {
      ConnectionStore.Listing listing = runtime.connections().list();
      List<Connection> connections = listing.connections().stream().map(s -> s.connection()).toList();
      Optional<ConnectorException> otherKeys = runtime.connections().otherKeys(listing);
      if (json) {
        List<Map<String, Object>> list = new ArrayList<>();
        connections.forEach(c -> list.add(Describe.asMap(runtime, c)));
        JsonOutput.print(out, list);
      } else if (connections.isEmpty() && otherKeys.isEmpty()) {
        out.println("No connections. Add one: patchbay connections add CONNECTOR --auth AUTH_TYPE --name NAME");
      } else if (!connections.isEmpty()) {
        Table table = new Table("NAME", "CONNECTOR", "AUTH", "STATUS", "ACTS AS", "SCOPES");
        for (Connection c : connections) {
          table.row(c.name(), c.connectorId(), c.authTypeId(), c.status().name(), Describe.identity(c),
              String.valueOf(c.grantedScopes().size()));
        }
        table.print(out);
      }
      listing.problems().forEach(problem -> err.println("warning: " + problem));
      if (otherKeys.isPresent()) {
        throw UserException.of(otherKeys.get());
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one connection (never its secrets).")
  static final class Show extends RuntimeCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--json", description = "Print JSON")
    boolean json;

    @Override
    int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) throws Exception {
      Connection c = runtime.connections().get(name);
      Map<String, Object> shown = Describe.asMap(runtime, c);
      if (json) {
        JsonOutput.print(out, shown);
        return ExitCode.OK;
      }
      shown.put("rateLimits", Describe.rateLimitsInWords(runtime, c));
      shown.forEach((key, value) -> out.println(String.format("%-14s %s", key + ":",
          value instanceof java.util.Collection<?> list ? String.join(" ", list.stream().map(String::valueOf).toList())
              : value == null ? "-" : value)));
      return ExitCode.OK;
    }
  }

  @Command(name = "test", mixinStandardHelpOptions = true,
      description = "Check a connection works: asks the provider who it acts as (refreshing the token if needed).")
  static final class Test extends RuntimeCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) throws Exception {
      ConnectionIdentity identity = runtime.connections().test(name);
      out.println("ok: '" + name + "' works, acting as "
          + identity.inWords() + ".");
      return ExitCode.OK;
    }
  }

  /**
   * Says plainly which connections the provider revoked when {@code made} was authorized: the same user signed in
   * with the same app, and the provider keeps one live authorization per user and app (Zoom does).
   */
  static void warnSuperseded(PatchbayRuntime runtime, Connection made, PrintWriter out) throws ConnectorException {
    for (Connection older : runtime.connections().supersededBy(made)) {
      out.println("Signing in as " + Describe.identity(made) + " again with the same app revoked the authorization "
          + "of connection '" + older.name() + "' at the provider (one live authorization per user and app): '"
          + older.name() + "' is now NEEDS_REAUTH. Reconnect it as another user (patchbay connections reauth "
          + older.name() + "), or remove it.");
    }
  }

  @Command(name = "reauth", mixinStandardHelpOptions = true,
      description = {"Sign in again for a connection that needs it (NEEDS_REAUTH), keeping its name and fields.",
          "For a pasted key or token (api-key, bearer-token, basic) it asks for the new one instead, from "
              + "--field-stdin NAME (the first line of standard input), PATCHBAY_FIELD_<NAME> or a hidden prompt, "
              + "and checks it with the provider."})
  static final class Reauth extends RuntimeCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--no-browser", description = "Print the sign-in address instead of opening a browser")
    boolean noBrowser;

    @Option(names = "--field-stdin", paramLabel = "FIELD",
        description = "Read the new key or token (this field) from the first line of standard input")
    String fieldFromStdin;

    @Override
    int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) throws Exception {
      Optional<FieldDefinition> pasted = runtime.connections().pastedSecret(name);
      if (fieldFromStdin != null && pasted.map(field -> !field.name().equals(fieldFromStdin)).orElse(true)) {
        throw new UserException(ExitCode.USAGE, "--field-stdin " + fieldFromStdin + ": connection '" + name + "' "
            + pasted.map(field -> "takes a new " + field.name() + " (--field-stdin " + field.name() + ")")
                .orElse("signs in at the provider; it has no pasted key to read"));
      }
      Connection c;
      if (pasted.isPresent()) {
        Secret secret = fieldFromStdin != null ? Secret.of(Add.firstLineOfStandardInput())
            : Add.secretFromEnvironmentOrPrompt(pasted.get());
        if (secret == null) {
          throw new UserException(ExitCode.USAGE, "connection '" + name + "' needs a new " + pasted.get().name()
              + ": give it with --field-stdin " + pasted.get().name() + ", set "
              + Add.environmentVariable(pasted.get()) + ", or run in a terminal to be asked");
        }
        c = runtime.connections().replaceSecret(name, secret);
      } else {
        c = runtime.connections().reauthorize(name, runtimeOptions.browser(out, noBrowser));
      }
      out.println("Reconnected '" + c.name() + "' as " + Describe.identity(c) + ".");
      warnSuperseded(runtime, c, out);
      return ExitCode.OK;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Revoke a connection's token at the provider when possible, and delete it.")
  static final class Remove extends RuntimeCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = {"--yes", "-y"}, description = "Remove without asking (scripts)")
    boolean yes;

    @Override
    int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) throws Exception {
      if (!yes) {
        runtime.connections().get(name);
        String question = "Remove '" + name + "'? Its authorization is revoked at the provider and the connection "
            + "deleted; workflows naming it stop working. [y/N] ";
        java.io.Console console = System.console();
        String answer;
        if (console != null) {
          answer = console.readLine("%s", question);
        } else {
          // A piped answer (echo y | patchbay connections remove NAME) counts; standard input that ends without
          // one is where nobody can give one.
          err.print(question);
          err.flush();
          answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
          err.println();
        }
        if (answer == null) {
          throw new UserException(ExitCode.USAGE, "'connections remove' asks before it removes '" + name
              + "', and standard input ended without an answer; add --yes to remove it");
        }
        if (!answer.strip().equalsIgnoreCase("y") && !answer.strip().equalsIgnoreCase("yes")) {
          out.println("Kept '" + name + "'.");
          return ExitCode.OK;
        }
      }
      String revocation = runtime.connections().remove(name);
      out.println("Removed '" + name + "': " + revocation + ".");
      return ExitCode.OK;
    }
  }

  @Command(name = "set-limits", mixinStandardHelpOptions = true,
      description = {"Set a connection's own rate limits, per category of its connector (patchbay connectors show "
          + "CONNECTOR lists the categories and their defaults), e.g. for an account on a higher plan.",
          "RATE is REQUESTS/UNIT, UNIT one of s, min, h, day: --limit light=80/s --limit medium=60/s. Categories not "
              + "named keep what they had; --reset first drops every limit of the connection's own (alone: back to "
              + "the connector's). A per-second limit is paced (requests evenly spaced); longer ones may be spent in "
              + "a burst. On a shared store every process keeps to the limit together."})
  static final class SetLimits extends RuntimeCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--limit", paramLabel = "CATEGORY=RATE",
        description = "A category's limit (repeatable), e.g. light=80/s")
    Map<String, String> limits = new LinkedHashMap<>();

    @Option(names = "--reset", description = "Drop the connection's own limits before setting any given")
    boolean reset;

    @Override
    int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) throws Exception {
      if (limits.isEmpty() && !reset) {
        throw new UserException(ExitCode.USAGE, "set-limits needs --limit CATEGORY=RATE (e.g. --limit light=80/s) "
            + "or --reset");
      }
      Map<String, RateLimit> parsed = new TreeMap<>();
      for (Map.Entry<String, String> limit : limits.entrySet()) {
        try {
          parsed.put(limit.getKey(), RateLimit.parse(limit.getValue()));
        } catch (IllegalArgumentException e) {
          throw new UserException(ExitCode.USAGE, "--limit " + limit.getKey() + ": " + e.getMessage()
              + "; nothing was changed");
        }
      }
      Connection current = runtime.connections().get(name);
      Map<String, RateLimit> next = new TreeMap<>(reset ? Map.of() : current.rateLimits());
      next.putAll(parsed);
      Connection changed;
      try {
        changed = runtime.connections().setRateLimits(name, next);
      } catch (ConnectorException e) {
        if (e.code() == dev.patchbay.api.ErrorCode.INVALID_INPUT) {
          throw new UserException(ExitCode.USAGE, e.getMessage());
        }
        throw e;
      }
      out.println("Rate limits of '" + name + "': " + Describe.rateLimitsInWords(runtime, changed) + ".");
      return ExitCode.OK;
    }
  }
}
