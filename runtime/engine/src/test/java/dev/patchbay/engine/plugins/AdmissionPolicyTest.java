package dev.patchbay.engine.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the operator's admission policy, and what it admits. */
class AdmissionPolicyTest {

  static final String DIGEST = "a".repeat(64);
  static final Path FILE = Path.of("/home/op/.patchbay/config/plugins.properties");
  static final Path ZIP = Path.of("/home/op/.patchbay/plugins/x.zip");

  @TempDir
  Path folder;

  static AdmissionPolicy parse(String... lines) {
    return AdmissionPolicy.parse(FILE, List.of(lines));
  }

  @Test
  void wellFormedPolicyWithCommentsBlankLinesAndUpperCaseHex() {
    AdmissionPolicy policy = parse("# who may run", "", "allow = zoom,  acme-crm ", "  sha256.zoom=" + "AB".repeat(32));

    assertEquals(List.of(), policy.problems());
    assertEquals(Set.of("zoom", "acme-crm"), policy.allowed());
    assertEquals(Map.of("zoom", "ab".repeat(32)), policy.pins());
    assertEquals("admission policy " + FILE + ": allows acme-crm, zoom; pins zoom", policy.summary());
  }

  @Test
  void allowedUnpinnedIdIsAdmittedWhateverItsDigest() {
    assertEquals(Optional.empty(), parse("allow = zoom").refusal(ZIP, "zoom", DIGEST));
  }

  @Test
  void pinnedIdIsAdmittedOnlyWithItsDigest() {
    AdmissionPolicy policy = parse("allow = zoom", "sha256.zoom = " + DIGEST);

    assertEquals(Optional.empty(), policy.refusal(ZIP, "zoom", DIGEST));
    assertTrue(policy.refusal(ZIP, "zoom", "b".repeat(64)).orElseThrow().startsWith("SHA-256 mismatch"));
  }

  @Test
  void archiveWithoutAnIdIsRefused() {
    assertEquals(Optional.of("declares no plugin.id in its plugin.properties, so the admission policy " + FILE
        + " cannot allow it"), parse("allow = zoom").refusal(ZIP, null, DIGEST));
  }

  @Test
  void emptyAllowLineAdmitsNothing() {
    AdmissionPolicy policy = parse("allow =");

    assertEquals(List.of(), policy.problems());
    assertTrue(policy.refusal(ZIP, "zoom", DIGEST).isPresent());
    assertEquals("admission policy " + FILE + ": allows no plugin; pins none", policy.summary());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      allow = zoom\\nsha265.zoom = 00              | line 2: unknown key 'sha265.zoom'; the keys are allow and sha256.<plugin id>
      allow = zoom\\nsha256.zoom = abc             | line 2: sha256.zoom must be the archive's SHA-256 as 64 hex digits, not 'abc'; 'patchbay plugins pin ZIP' prints it
      allow = zoom\\n\\nsha256.acme = DIGEST       | line 3: sha256.acme pins plugin 'acme', which the allow line (line 1) does not list; add it there or remove the pin
      sha256.zoom = DIGEST                          | has no allow line; list the plugin ids to admit, e.g. allow = zoom
      allow = zoom\\nallow = acme                  | line 2: allow is given again (first on line 1); list every plugin id on one allow line
      allow = zoom\\nsha256.zoom = DIGEST\\nsha256.zoom = DIGEST | line 3: sha256.zoom is given again (first on line 2); an id has one pin
      allow = Zoom                                  | line 1: 'Zoom' in allow is not a plugin id (lower-case letters, digits and '-', starting with a letter)
      allow = zoom\\nsha256.Zoom = DIGEST          | line 2: 'Zoom' in sha256.Zoom is not a plugin id (lower-case letters, digits and '-', starting with a letter)
      allow = zoom\\nzoom                          | line 2: 'zoom' is not 'key = value'
      """)
  void malformedPolicyNamesTheLineAndRefusesEveryPlugin(String text, String problem) {
    AdmissionPolicy policy = parse(text.replace("DIGEST", DIGEST).split("\\\\n", -1));

    assertEquals(List.of(problem), policy.problems());
    assertEquals(Optional.of("the admission policy " + FILE + " is malformed, so no plugin is admitted until it is "
        + "fixed: " + problem), policy.refusal(ZIP, "zoom", DIGEST));
    assertEquals("admission policy " + FILE + " is malformed, every plugin is refused: " + problem, policy.summary());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertEquals(List.of("line 1: unknown key 'alow'; the keys are allow and sha256.<plugin id>",
            "line 2: 'x' is not 'key = value'", "has no allow line; list the plugin ids to admit, e.g. allow = zoom"),
        parse("alow = zoom", "x").problems());
  }

  @Test
  void missingFileIsNoPolicy() {
    AdmissionPolicy policy = AdmissionPolicy.read(folder.resolve("plugins.properties"));

    assertFalse(policy.present());
    assertEquals(Optional.empty(), policy.refusal(ZIP, "anything", DIGEST));
  }

  @Test
  void unreadableFileRefusesEveryPlugin() throws IOException {
    Path file = Files.createDirectories(folder.resolve("plugins.properties"));

    AdmissionPolicy policy = AdmissionPolicy.read(file);

    assertTrue(policy.present());
    assertTrue(policy.problems().get(0).startsWith("cannot be read ("), policy.problems().toString());
    assertTrue(policy.refusal(ZIP, "zoom", DIGEST).orElseThrow().contains("is malformed, so no plugin is admitted"));
  }

  @Test
  void policiesWithTheSameContentAreEqual() {
    assertEquals(parse("allow = zoom"), parse("# same", "allow=zoom"));
    assertFalse(parse("allow = zoom").equals(parse("allow = zoom, acme")));
  }
}
