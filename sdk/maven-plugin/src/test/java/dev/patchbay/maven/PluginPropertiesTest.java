package dev.patchbay.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PluginPropertiesTest {

  @Test
  void readsBackAsWrittenAndLeavesBlankKeysOut() throws IOException {
    String description = "Acme CRM: contacts\\deals\nwith ümlauts";
    Properties read = new Properties();
    read.load(new StringReader(
        new PluginProperties("acme", "1.2.0", ">=0.1.0 & <0.2.0", " ", description, null).text()));

    assertEquals("acme", read.getProperty("plugin.id"));
    assertEquals("1.2.0", read.getProperty("plugin.version"));
    assertEquals(">=0.1.0 & <0.2.0", read.getProperty("plugin.requires"));
    assertEquals(description, read.getProperty("plugin.description"));
    assertFalse(read.containsKey("plugin.provider"));
    assertFalse(read.containsKey("plugin.license"));
  }

  @Test
  void hostLibrariesAreTheOnesTheRuntimeRefuses() {
    assertTrue(HostLibraries.isHostLibrary("dev.patchbay", "patchbay-connector-api"));
    assertTrue(HostLibraries.isHostLibrary("org.pf4j", "pf4j"));
    assertTrue(HostLibraries.isHostLibrary("tools.jackson.core", "jackson-databind"));
    assertTrue(HostLibraries.isHostLibrary("com.fasterxml.jackson.core", "jackson-annotations"));
    assertTrue(HostLibraries.isHostLibrary("org.slf4j", "slf4j-api"));
    assertFalse(HostLibraries.isHostLibrary("com.fasterxml.jackson.core", "jackson-databind"),
        "Jackson 2 is not the host's Jackson: a plugin may bundle it");
    assertFalse(HostLibraries.isHostLibrary("com.squareup.okhttp3", "okhttp-jvm"));
  }
}
