package dev.sluice.expr.scalar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DatesTest {

  @Test
  void civilDatesMatchJavaTimeOverTheWholeRange() {
    for (long day = LocalDate.of(0, 1, 1).toEpochDay();
        day <= LocalDate.of(9999, 12, 31).toEpochDay();
        day += 13) {
      LocalDate date = LocalDate.ofEpochDay(day);
      int civil = Dates.civil((int) day);
      assertThat(Dates.yearOf(civil)).isEqualTo(date.getYear());
      assertThat(Dates.monthOf(civil)).isEqualTo(date.getMonthValue());
      assertThat(Dates.dayOf(civil)).isEqualTo(date.getDayOfMonth());
      assertThat(Dates.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth()))
          .isEqualTo(day);
      assertThat(Dates.dayOfWeek((int) day)).isEqualTo(date.getDayOfWeek().getValue() % 7);
      assertThat(Dates.dayOfYear((int) day)).isEqualTo(date.getDayOfYear());
    }
  }

  @Test
  void validation() {
    assertThat(Dates.isValidDate(2024, 2, 29)).isTrue();
    assertThat(Dates.isValidDate(2023, 2, 29)).isFalse();
    assertThat(Dates.isValidDate(1900, 2, 29)).isFalse();
    assertThat(Dates.isValidDate(2000, 2, 29)).isTrue();
    assertThat(Dates.isValidDate(2024, 13, 1)).isFalse();
    assertThat(Dates.isValidDate(2024, 4, 31)).isFalse();
    assertThat(Dates.isValidDate(10000, 1, 1)).isFalse();
  }

  @Test
  void microsBeforeTheEpochRoundDown() {
    assertThat(Dates.epochDayOfMicros(-1)).isEqualTo(-1);
    assertThat(Dates.microOfDay(-1)).isEqualTo(Dates.MICROS_PER_DAY - 1);
  }
}
