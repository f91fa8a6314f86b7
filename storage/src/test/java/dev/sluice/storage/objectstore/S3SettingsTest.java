package dev.sluice.storage.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3SettingsTest {

  @Test
  void settingsAreChecked() {
    S3Settings settings =
        S3Settings.compatible("http://127.0.0.1:9000", "us-east-1", "b", "k", "s");
    assertThat(settings.pathStyleAccess()).isTrue();
    assertThat(settings.partSize()).isEqualTo(S3Settings.DEFAULT_PART_SIZE);
    assertThat(settings.credentials())
        .get()
        .hasToString("S3Credentials[accessKey=k, secretKey=***]");
    assertThatThrownBy(() -> settings.withPartSize(S3Settings.MIN_PART_SIZE - 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("partSize is below the S3 minimum of 5242880: 5242879");
    assertThatThrownBy(() -> settings.withKeyPrefix("warehouse"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keyPrefix does not end with '/': warehouse");
    assertThatThrownBy(() -> settings.withPartsInFlight(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("partsInFlight is below 1: 0");
  }
}
