package dev.patchbay.cli;

import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.definitions.DefinitionProblem;
import dev.patchbay.engine.definitions.DefinitionReader;
import dev.patchbay.engine.definitions.DefinitionWarnings;
import dev.patchbay.engine.definitions.InvalidDefinitionException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "definitions", mixinStandardHelpOptions = true, description = "Work with connector definition files.",
    subcommands = {DefinitionsCommand.Validate.class})
final class DefinitionsCommand extends GroupCommand {


  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = {"Check connector definition files against the meta-schema and the load rules.",
          "Exit 0 when all are valid, 1 otherwise; every problem is printed with file and JSON pointer."})
  static final class Validate implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Definition files (JSON)")
    List<Path> files;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      DefinitionReader reader = new DefinitionReader();
      int invalid = 0;
      for (Path file : files) {
        try {
          ConnectorDefinition definition = reader.read(file);
          out.println(file + ": valid (" + definition.id() + " " + definition.version() + ", "
              + definition.operations().size() + " operations, " + definition.authTypes().size() + " auth types)");
          DefinitionWarnings.of(definition).forEach(warning -> err.println("warning: " + file + ": " + warning));
        } catch (InvalidDefinitionException e) {
          invalid++;
          for (DefinitionProblem problem : e.problems()) {
            err.println(problem);
          }
        }
      }
      if (invalid > 0) {
        err.println(invalid + " of " + files.size() + " definition" + (files.size() == 1 ? "" : "s") + " invalid");
        return ExitCode.INVALID;
      }
      return ExitCode.OK;
    }
  }
}
