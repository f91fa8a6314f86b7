package dev.sluice.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTokensTest {
  @TempDir Path home;
  private String realHome;

  @BeforeEach
  void useTemporaryHome() {
    realHome = System.getProperty("user.home");
    System.setProperty("user.home", home.toString());
  }

  @AfterEach
  void restoreHome() {
    System.setProperty("user.home", realHome);
  }

  @Test
  void aLocalStacksTokenIsFoundForItsPortOnThisMachineOnly() throws Exception {
    String token = LocalTokens.newToken();
    LocalTokens.write(19090, token);

    Path file = home.resolve(".sluice/local-tokens/19090");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(LocalTokens.find("127.0.0.1", 19090)).contains(token);
    assertThat(LocalTokens.find("localhost", 19090)).contains(token);
    assertThat(LocalTokens.find("10.0.0.5", 19090)).isEmpty();
    assertThat(LocalTokens.find("127.0.0.1", 19091)).isEmpty();

    LocalTokens.delete(19090);
    assertThat(LocalTokens.find("127.0.0.1", 19090)).isEmpty();
  }

  @Test
  void tokensAreRandomAndLongEnough() {
    String token = LocalTokens.newToken();
    assertThat(token).hasSize(43).isNotEqualTo(LocalTokens.newToken());
  }
}
