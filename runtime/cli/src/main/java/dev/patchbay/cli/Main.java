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
    // A mistake on the command line is one line and where to read more, not the whole usage.
    commandLine.setParameterExceptionHandler((e, arguments) -> {
      CommandLine failed = e.getCommandLine();
      err.println("error: " + e.getMessage());
      picocli.CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
      err.println("See '" + failed.getCommandSpec().qualifiedName() + " --help'.");
      return ExitCode.USAGE;
    });
    commandLine.setExecutionExceptionHandler((e, line, parseResult) -> {
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
    });
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
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
      commandLine.addSubcommand(command);
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
