package dev.patchbay.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: run alone, it is a usage error naming them. */
abstract class GroupCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    String names = String.join(", ", spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList());
    throw new ParameterException(spec.commandLine(), (spec.parent() == null ? "a command" : "a subcommand")
        + " is required: " + names);
  }
}
