package dev.patchbay.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.testkit.Outcome;
import dev.patchbay.testkit.PatchbayExtension;
import dev.patchbay.testkit.PluginUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.ZipFile;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the README's "Writing a connector" promises: the archetype command gives a project that builds and tests as
 * generated, whose zip a Patchbay runtime loads and runs, with nothing copied from this repository.
 */
class ArchetypeGeneratesAWorkingConnectorTest {

  private static final String ME = "{\"id\": \"u1\", \"account_id\": \"a1\", \"name\": \"Ann\"}";

  @TempDir
  Path workspace;

  @Test
  void generatedProjectBuildsTestsAndItsZipRunsInTheRuntime() throws Exception {
    ChildMaven maven = new ChildMaven(Path.of(System.getProperty("maven.home")),
        Path.of(System.getProperty("it.repository")), Path.of(System.getProperty("it.hostRepository")),
        Path.of("target", "archetype-it").toAbsolutePath());
    String version = System.getProperty("it.patchbayVersion");
    // What a plugin author compiles and tests against comes with its sources and javadoc, as installed.
    for (String artifact : new String[] {"patchbay-connector-api", "patchbay-testkit", "patchbay-engine"}) {
      Path folder = Path.of(System.getProperty("it.repository"), "dev/patchbay", artifact, version);
      for (String classifier : new String[] {"sources", "javadoc"}) {
        assertTrue(Files.isRegularFile(folder.resolve(artifact + "-" + version + "-" + classifier + ".jar")),
            artifact + " has no " + classifier + " jar in " + folder);
      }
    }

    ChildMaven.Result generate = maven.run("generate", workspace,
        "org.apache.maven.plugins:maven-archetype-plugin:" + System.getProperty("it.archetypePluginVersion")
            + ":generate",
        "-DarchetypeGroupId=dev.patchbay", "-DarchetypeArtifactId=patchbay-connector-archetype",
        "-DarchetypeVersion=" + version, "-DarchetypeCatalog=internal",
        "-DgroupId=com.example", "-DartifactId=acme-connector", "-Dpackage=com.example.acme",
        "-DconnectorId=acme", "-DinteractiveMode=false");
    assertEquals(0, generate.exitCode(), generate.tail());

    Path project = workspace.resolve("acme-connector");
    ChildMaven.Result verify = maven.run("verify", project, "verify");
    assertEquals(0, verify.exitCode(), verify.tail());
    // GetItemTest (the Java operation) and CreateItemTest (the declarative one), through the real runtime.
    assertTrue(verify.output().contains("Tests run: 5, Failures: 0, Errors: 0, Skipped: 0"), verify.tail());

    Path zip = project.resolve("target/acme-1.0.0.zip");
    Properties descriptor = new Properties();
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      descriptor.load(archive.getInputStream(archive.getEntry("plugin.properties")));
      assertEquals(2, archive.size(), "plugin.properties and the plugin's jar, no host library: "
          + archive.stream().map(entry -> entry.getName()).toList());
    }
    assertEquals("acme", descriptor.getProperty("plugin.id"));
    assertEquals("1.0.0", descriptor.getProperty("plugin.version"));
    assertEquals(">=0.1.0 & <0.2.0", descriptor.getProperty("plugin.requires"));

    PatchbayExtension patchbay = PatchbayExtension.forPlugin(PluginUnderTest.zip(zip));
    patchbay.start();
    try {
      for (String authType : new String[] {"oauth", "client-credentials"}) {
        String connection = patchbay.connect(authType, ME);
        patchbay.provider().enqueue(PatchbayExtension.json(200, "{\"id\": \"42\", \"name\": \"Answer\"}"));

        Outcome outcome = patchbay.activities().run("acme/items.get", connection, "{\"id\": \"42\"}");

        assertEquals("Answer", outcome.output().path("name").asString(), authType);
        RecordedRequest request = patchbay.provider().takeRequest();
        assertEquals("/items/42", request.getUrl().encodedPath());
      }
      String connection = patchbay.connect("client-credentials", ME);
      patchbay.provider().enqueue(PatchbayExtension.json(404, "{\"code\": \"not_found\", \"message\": \"No item\"}"));
      assertEquals(ErrorCode.NOT_FOUND,
          patchbay.activities().run("acme/items.get", connection, "{\"id\": \"7\"}").errorCode());

      // The declarative operation: no Java behind it, the same runtime path.
      patchbay.provider().enqueue(PatchbayExtension.json(201, "{\"id\": \"43\", \"name\": \"Lamp\"}"));
      Outcome created = patchbay.activities().run("acme/items.create", connection, "{\"name\": \"Lamp\"}");
      assertEquals("43", created.output().path("id").asString(), created.toString());
      patchbay.provider().takeRequest();
      RecordedRequest post = patchbay.provider().takeRequest();
      assertEquals("POST /items {\"name\":\"Lamp\"}", post.getMethod() + " " + post.getUrl().encodedPath() + " "
          + post.getBody().utf8());
    } finally {
      patchbay.stop();
    }

    // A definition breaking the meta-schema fails the build with the rule and where, before any test runs.
    Path definition = project.resolve("src/main/resources/connectors/acme.json");
    String valid = Files.readString(definition);
    Files.writeString(definition, valid.replace("\"idempotent\": true", "\"idempotent\": \"yes\""));
    ChildMaven.Result invalid = maven.run("invalid-definition", project, "process-classes");
    assertEquals(1, invalid.exitCode(), invalid.tail());
    assertTrue(invalid.output().contains("invalid connector definition: src/main/resources/connectors/acme.json: "
        + "/operations/0/idempotent: "), invalid.tail());
    Files.writeString(definition, valid);

    // The author adds a library the host supplies without provided scope: the build refuses, naming it.
    Path pom = project.resolve("pom.xml");
    Files.writeString(pom, Files.readString(pom).replace("<dependencies>", """
        <dependencies>
            <dependency>
              <groupId>org.pf4j</groupId>
              <artifactId>pf4j</artifactId>
            </dependency>"""));
    ChildMaven.Result bundling = maven.run("bundling", project, "process-classes");
    assertEquals(1, bundling.exitCode(), bundling.tail());
    assertTrue(bundling.output().contains("the plugin would bundle libraries the Patchbay host supplies: "
        + "org.pf4j:pf4j:"), bundling.tail());
  }
}
