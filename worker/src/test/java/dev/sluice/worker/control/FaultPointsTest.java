package dev.sluice.worker.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultPointsTest {
  private final List<FaultPoints.Point> halted = new ArrayList<>();

  @Test
  void haltsOnceForEachTriggerFileAndClaimsIt(@TempDir Path dir) throws Exception {
    FaultPoints points = new FaultPoints(Optional.of(dir), halted::add);
    points.reach(FaultPoints.Point.HALT_BEFORE_COMMIT);
    assertThat(halted).isEmpty();

    Files.createFile(dir.resolve("halt-before-commit"));
    points.reach(FaultPoints.Point.HALT_AFTER_COMMIT);
    assertThat(halted).isEmpty();
    points.reach(FaultPoints.Point.HALT_BEFORE_COMMIT);
    assertThat(halted).containsExactly(FaultPoints.Point.HALT_BEFORE_COMMIT);
    assertThat(dir.resolve("halt-before-commit")).doesNotExist();
    points.reach(FaultPoints.Point.HALT_BEFORE_COMMIT);
    assertThat(halted).hasSize(1);

    Files.createFile(dir.resolve("halt-after-commit"));
    points.reach(FaultPoints.Point.HALT_AFTER_COMMIT);
    assertThat(halted)
        .containsExactly(FaultPoints.Point.HALT_BEFORE_COMMIT, FaultPoints.Point.HALT_AFTER_COMMIT);
  }

  @Test
  void doesNothingWithoutATriggerDirectory(@TempDir Path dir) throws Exception {
    Files.createFile(dir.resolve("halt-before-commit"));
    FaultPoints points = new FaultPoints(Optional.empty(), halted::add);
    points.reach(FaultPoints.Point.HALT_BEFORE_COMMIT);
    assertThat(halted).isEmpty();
    assertThat(dir.resolve("halt-before-commit")).exists();
  }

  @Test
  void isOffByDefault() {
    assertThat(System.getProperty(FaultPoints.TRIGGER_DIR_PROPERTY)).isNull();
    FaultPoints.fromSystemProperties().reach(FaultPoints.Point.HALT_BEFORE_COMMIT);
    // Still running: nothing halted the test JVM.
    assertThat(halted).isEmpty();
  }
}
