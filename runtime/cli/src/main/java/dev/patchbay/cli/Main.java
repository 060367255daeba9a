package dev.patchbay.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code patchbay} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line, writing to the given streams, and returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = commandLine(args);
    // --input @file.json is read by the command itself, as JSON; picocli would split the file into arguments.
    commandLine.setExpandAtFiles(false);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(new UsageErrors(err));
    commandLine.setExecutionExceptionHandler(new CommandErrors(err));
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  // The two handlers are classes, not lambdas: picocli's interfaces are Java 5 class files, and a lambda for one
  // keeps them (and picocli's own handlers) out of the class-data sharing archive, so every start loaded them from
  // the jar, opening the jars before picocli's on the class path first (about 60 ms).

  /** A mistake on the command line is one line and where to read more, not the whole usage. */
  private static final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    private final PrintWriter err;

    UsageErrors(PrintWriter err) {
      this.err = err;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] arguments) {
      CommandLine failed = e.getCommandLine();
      err.println("error: " + message(e));
      CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
      err.println("See '" + failed.getCommandSpec().qualifiedName() + " --help'.");
      return ExitCode.USAGE;
    }

    /**
     * picocli's words, except for a map option given no {@code =}, where they double a word and name no example:
     * {@code --connection takes CONNECTOR=NAME (zoom=work); got 'big'}, the example from the option's "e.g.".
     */
    private static String message(CommandLine.ParameterException e) {
      if (e.getArgSpec() instanceof CommandLine.Model.OptionSpec option && option.isMultiValue()
          && java.util.Map.class.isAssignableFrom(option.type()) && e.getValue() != null
          && !e.getValue().contains("=")) {
        String description = String.join(" ", option.description());
        int example = description.lastIndexOf("e.g. ");
        return option.longestName() + " takes " + option.paramLabel()
            + (example < 0 ? "" : " (" + description.substring(example + 5).strip() + ")") + "; got '"
            + e.getValue() + "'";
      }
      return e.getMessage();
    }
  }

  /** A user's mistake found while running is its message and exit code; anything else an internal error. */
  private static final class CommandErrors implements CommandLine.IExecutionExceptionHandler {
    private final PrintWriter err;

    CommandErrors(PrintWriter err) {
      this.err = err;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine line, CommandLine.ParseResult parseResult) {
      if (e instanceof UserException user) {
        err.println("error: " + user.getMessage());
        return user.exitCode();
      }
      err.println("internal error: " + e);
      if (System.getenv("PATCHBAY_DEBUG") != null) {
        e.printStackTrace(err);
      } else {
        err.println("(set PATCHBAY_DEBUG=1 to see where; please report it)");
      }
      return ExitCode.INTERNAL;
    }
  }

  /**
   * The command tree for one command line: with only the subcommand it names, or with all of them when it names
   * none (help, no command, a mistyped one that gets suggestions). picocli reads the annotations and fields of every
   * command added; for all of them that was about half of a cold {@code connectors list}.
   */
  private static CommandLine commandLine(String[] args) {
    CommandLine commandLine = new CommandLine(new PatchbayCommand());
    List<Class<?>> named = args.length == 0 ? List.of() : PatchbayCommand.SUBCOMMANDS.stream()
        .filter(command -> names(command).contains(args[0])).toList();
    for (Class<?> command : named.isEmpty() ? PatchbayCommand.SUBCOMMANDS : named) {
      // Made here rather than by addSubcommand(Class), which skips a command's model transformer.
      commandLine.addSubcommand(new CommandLine(command));
    }
    return commandLine;
  }

  private static List<String> names(Class<?> command) {
    Command annotation = command.getAnnotation(Command.class);
    List<String> names = new ArrayList<>(List.of(annotation.aliases()));
    names.add(annotation.name());
    return names;
  }
}
