package dev.patchbay.cli;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.connections.ConnectionStore;
import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.store.SharedStore;
import dev.patchbay.engine.store.StoreCopy;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.store.StoreSelection;
import dev.patchbay.engine.store.StoreUnavailableException;
import dev.patchbay.engine.webhooks.WebhookSecrets;
import dev.patchbay.engine.workflows.runs.FileRunRecords;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "store", mixinStandardHelpOptions = true,
    description = "Where connections, webhook secret tokens and run records are kept: the files under "
        + "$PATCHBAY_HOME, or the shared store PATCHBAY_STORE names.",
    subcommands = {StoreCommand.Copy.class})
final class StoreCommand extends GroupCommand {

  @Command(name = "copy", mixinStandardHelpOptions = true,
      description = {"Copy this home's connections, webhook secret tokens and run records (with their sealed "
          + "resume values) into a shared store, sealed under this home's master key (processes using the store "
          + "need the same key). What the store holds already is kept as it is, so running it again copies "
          + "nothing twice; a run still running is left for a later copy; the home's files are left as they are.",
          "The password comes from --password-file, PATCHBAY_STORE_PASSWORD or the file "
              + "PATCHBAY_STORE_PASSWORD_FILE names; never from the URL."})
  static final class Copy implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--home", paramLabel = "DIR",
        description = "Patchbay home to copy from (default: $PATCHBAY_HOME, else ~/.patchbay)")
    Path homeOption;

    @Option(names = "--to", required = true, paramLabel = "URL",
        description = "The shared store: postgresql://USER@HOST:PORT/DATABASE")
    String to;

    @Option(names = "--password-file", paramLabel = "FILE",
        description = "Read the store's password from this file (default: PATCHBAY_STORE_PASSWORD, else the file "
            + "PATCHBAY_STORE_PASSWORD_FILE names)")
    Path passwordFile;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      PatchbayHome home = RuntimeOptions.home(homeOption);
      Map<String, String> env = System.getenv();
      Map<String, String> passwordFrom = env;
      if (passwordFile != null) {
        passwordFrom = Map.of(StoreSelection.PASSWORD_FILE_ENV, passwordFile.toString());
      }
      try {
        SealedFiles sealing = new SealedFiles(MasterKey.load(env, home.keys()));
        StoreCopy.Stores files = new StoreCopy.Stores(new ConnectionStore(home.connections(), sealing),
            new WebhookSecrets(home.webhookSecrets(), sealing), new FileRunRecords(home.runs()));
        try (SharedStore target = StoreSelection.open(StoreSelection.location(to, "--to", passwordFrom))) {
          StoreCopy.Report report = StoreCopy.copy(files, new StoreCopy.Stores(target.connections(sealing),
              target.webhookSecrets(sealing), target.runRecords()));
          print(out, "Copied to " + target.location() + ":", report.copied());
          print(out, "Already there, kept as they were:", report.kept());
          if (report.copied().isEmpty() && report.kept().isEmpty()) {
            out.println("Nothing to copy: " + home.root() + " holds no connection, no webhook secret token and no "
                + "run record.");
          }
          report.problems().forEach(problem -> err.println("not copied: " + problem));
          return report.problems().isEmpty() ? ExitCode.OK : ExitCode.INVALID;
        }
      } catch (StoreUnavailableException e) {
        throw UserException.of(e);
      } catch (StoreException e) {
        throw new UserException(ExitCode.INVALID, e.getMessage());
      }
    }

    private static void print(PrintWriter out, String heading, List<String> entries) {
      if (!entries.isEmpty()) {
        out.println(heading);
        entries.forEach(entry -> out.println("  " + entry));
      }
    }
  }
}
