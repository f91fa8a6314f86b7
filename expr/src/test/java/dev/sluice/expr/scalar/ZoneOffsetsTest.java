package dev.sluice.expr.scalar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ZoneOffsetsTest {

  @Test
  void agreesWithJavaTimeForRandomInstantsAndWallClockTimes() {
    Random random = new Random(7);
    for (String id :
        new String[] {
          "UTC",
          "Asia/Shanghai",
          "America/New_York",
          "Europe/London",
          "Australia/Lord_Howe",
          "Asia/Kathmandu"
        }) {
      ZoneId zone = ZoneId.of(id);
      ZoneOffsets offsets = new ZoneOffsets(zone);
      long second = -2_000_000_000L;
      for (int i = 0; i < 5_000; i++) {
        // Mostly small steps (cache hits), sometimes big jumps.
        second += random.nextInt(10) == 0 ? random.nextInt(100_000_000) : random.nextInt(7200);
        assertThat(offsets.offsetAt(second))
            .isEqualTo(zone.getRules().getOffset(Instant.ofEpochSecond(second)).getTotalSeconds());
        LocalDateTime local = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        assertThat(offsets.toEpochSecond(second))
            .as("%s %s", id, local)
            .isEqualTo(ZonedDateTime.of(local, zone).toEpochSecond());
      }
    }
  }
}
