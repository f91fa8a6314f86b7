package dev.sluice.controlplane.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class AttemptFileTest {
  private static final String PREFIX = "wh/tables/7";
  private static final UUID ATTEMPT = UUID.fromString("0b9a3c1e-5f2d-4e8a-9c71-2d4e6f8a0b1c");

  @Test
  void recognizesTabletsWithAndWithoutPartitionPath() {
    assertThat(AttemptFile.parse(PREFIX, PREFIX + "/" + ATTEMPT + "-0-0.parquet"))
        .contains(
            new AttemptFile(
                PREFIX + "/" + ATTEMPT + "-0-0.parquet", ATTEMPT, AttemptFile.Kind.TABLET));
    assertThat(AttemptFile.parse(PREFIX, PREFIX + "/dt=2026-01-01/" + ATTEMPT + "-3-12.parquet"))
        .map(AttemptFile::attemptId)
        .contains(ATTEMPT);
  }

  @Test
  void recognizesRejectedRecordLogs() {
    assertThat(AttemptFile.parse(PREFIX, PREFIX + "/_rejected/" + ATTEMPT + ".log"))
        .map(AttemptFile::kind)
        .contains(AttemptFile.Kind.REJECTED_LOG);
  }

  @Test
  void leavesEveryOtherKeyAlone() {
    assertThat(AttemptFile.parse(PREFIX, PREFIX + "/README.txt")).isEmpty();
    assertThat(AttemptFile.parse(PREFIX, PREFIX + "/x-0-0.parquet")).isEmpty();
    assertThat(AttemptFile.parse(PREFIX, PREFIX + "/" + ATTEMPT + ".parquet")).isEmpty();
    assertThat(AttemptFile.parse(PREFIX, PREFIX + "/" + ATTEMPT + "-0-0.parquet.tmp")).isEmpty();
    // Not canonical: UUID.fromString would accept the shortened group.
    assertThat(AttemptFile.parse(PREFIX, PREFIX + "/1-2-3-4-5abcdefabcdefabcdefabcdefab-0.parquet"))
        .isEmpty();
    assertThat(AttemptFile.parse(PREFIX, PREFIX + "/_rejected/" + ATTEMPT + ".log.bak")).isEmpty();
    assertThat(AttemptFile.parse(PREFIX, PREFIX + "/_rejected/nested/" + ATTEMPT + ".log"))
        .isEmpty();
    // Another table whose id starts with the same digits.
    assertThat(AttemptFile.parse(PREFIX, "wh/tables/70/" + ATTEMPT + "-0-0.parquet")).isEmpty();
  }
}
