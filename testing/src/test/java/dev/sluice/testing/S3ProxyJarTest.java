package dev.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3ProxyJarTest {

  @AfterEach
  void clearOverride() {
    System.clearProperty(S3ProxyJar.OVERRIDE_PROPERTY);
  }

  @Test
  void findsTheJarTheBuildCopied() throws Exception {
    Path jar = S3ProxyServer.jar();
    assertThat(jar).isRegularFile().endsWith(Path.of("target", "servers", "s3proxy.jar"));
    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("org.gaul.s3proxy.Main");
    }
  }

  @Test
  void honoursAnOverride(@TempDir Path dir) throws Exception {
    Path other = Files.writeString(dir.resolve("other.jar"), "x");
    System.setProperty(S3ProxyJar.OVERRIDE_PROPERTY, other.toString());
    assertThat(S3ProxyJar.locate()).isEqualTo(other);
  }

  @Test
  void rejectsAnOverrideThatDoesNotExist(@TempDir Path dir) {
    System.setProperty(S3ProxyJar.OVERRIDE_PROPERTY, dir.resolve("missing.jar").toString());
    assertThatThrownBy(S3ProxyJar::locate)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing.jar");
  }
}
