package dev.patchbay.engine.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing pins into the operator's admission policy file. */
class AdmissionPinsTest {

  static final String OLD = "a".repeat(64);
  static final String NEW = "b".repeat(64);

  @TempDir
  Path home;

  Path file() {
    return home.resolve("config").resolve(AdmissionPolicy.FILE_NAME);
  }

  @Test
  void missingFileIsCreatedOwnerOnlyAllowingAndPinningTheId() throws Exception {
    AdmissionPins.Written written = AdmissionPins.pin(file(), "zoom", NEW);

    assertEquals(new AdmissionPins.Written(file(), "sha256.zoom = " + NEW, true, true, null), written);
    AdmissionPolicy policy = AdmissionPolicy.read(file());
    assertEquals(List.of(), policy.problems());
    assertEquals(List.of("zoom"), List.copyOf(policy.allowed()));
    assertEquals(NEW, policy.pins().get("zoom"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
  }

  @Test
  void existingPinIsReplacedInPlaceAndOtherLinesAreKept() throws Exception {
    write("# ours", "allow = zoom, acme", "sha256.zoom = " + OLD, "# end");

    AdmissionPins.Written written = AdmissionPins.pin(file(), "zoom", NEW);

    assertEquals(new AdmissionPins.Written(file(), "sha256.zoom = " + NEW, false, false, OLD), written);
    assertEquals(List.of("# ours", "allow = zoom, acme", "sha256.zoom = " + NEW, "# end"),
        Files.readAllLines(file()));
  }

  @Test
  void idNotYetAllowedIsAddedToTheAllowLine() throws Exception {
    write("allow = zoom", "sha256.zoom = " + OLD);

    AdmissionPins.Written written = AdmissionPins.pin(file(), "acme-crm", NEW);

    assertEquals(true, written.allowed());
    assertEquals(List.of("allow = zoom, acme-crm", "sha256.zoom = " + OLD, "sha256.acme-crm = " + NEW),
        Files.readAllLines(file()));
  }

  @Test
  void emptyAllowLineGetsTheId() throws Exception {
    write("allow =");

    AdmissionPins.pin(file(), "zoom", NEW);

    assertEquals(List.of("allow = zoom", "sha256.zoom = " + NEW), Files.readAllLines(file()));
  }

  @Test
  void malformedFileIsLeftUntouched() throws Exception {
    write("allow = zoom", "sha256.zoom = nothex");

    MalformedAdmissionPolicyException e = assertThrows(MalformedAdmissionPolicyException.class,
        () -> AdmissionPins.pin(file(), "zoom", NEW));

    assertEquals("the admission policy " + file() + " is malformed; fix it first, then pin again: line 2: "
        + "sha256.zoom must be the archive's SHA-256 as 64 hex digits, not 'nothex'; 'patchbay plugins pin ZIP' "
        + "prints it", e.getMessage());
    assertEquals(List.of("allow = zoom", "sha256.zoom = nothex"), Files.readAllLines(file()));
  }

  void write(String... lines) throws IOException {
    Files.createDirectories(file().getParent());
    Files.write(file(), List.of(lines));
  }
}
