package dev.sluice.worker.decode;

import static dev.sluice.worker.decode.DecodeFixture.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TableSchema;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceColumnsTest {

  private static final TableSchema ORDERS =
      table(
          "order_id BIGINT NOT NULL",
          "pay_dt DATE NOT NULL",
          "customer_name VARCHAR(26)",
          "price DOUBLE");

  @Test
  void mapsNamesToTableColumnsIgnoringCaseAndOthersToStringPlaceholders() {
    SourceColumns columns =
        SourceColumns.of(
            ORDERS,
            List.of("ORDER_ID", "pay_dt", "temp_gender", "price", "unused"),
            Set.of("order_id", "PAY_DT", "temp_gender", "price"));

    assertThat(columns.columns())
        .containsExactly(
            new SourceColumn(
                "ORDER_ID", ColumnType.parse("BIGINT"), false, true, Optional.of("order_id")),
            new SourceColumn(
                "pay_dt", ColumnType.parse("DATE"), false, true, Optional.of("pay_dt")),
            new SourceColumn("temp_gender", ColumnType.string(), true, true, Optional.empty()),
            new SourceColumn("price", ColumnType.parse("DOUBLE"), true, true, Optional.of("price")),
            new SourceColumn("unused", ColumnType.string(), true, false, Optional.empty()));
    assertThat(columns.neededCount()).isEqualTo(4);
    assertThat(columns.indexOf("Temp_Gender")).isEqualTo(2);
    assertThat(columns.indexOf("customer_name")).isEqualTo(-1);
    assertThat(columns.column(2).isPlaceholder()).isTrue();
    assertThat(columns.column(0).isPlaceholder()).isFalse();
  }

  @Test
  void takesTheTableColumnsWithoutAColumnsList() {
    SourceColumns columns = SourceColumns.ofTable(ORDERS);
    assertThat(columns.size()).isEqualTo(4);
    assertThat(columns.column(3))
        .isEqualTo(
            new SourceColumn(
                "price", ColumnType.parse("DOUBLE"), true, true, Optional.of("price")));
    assertThat(columns.neededCount()).isEqualTo(4);
  }

  @Test
  void needsEveryColumnWhenNoSetIsGiven() {
    SourceColumns columns = SourceColumns.of(ORDERS, List.of("order_id", "x"));
    assertThat(columns.neededCount()).isEqualTo(2);
  }

  @Test
  void rejectsDuplicateAndUnknownNames() {
    assertThatThrownBy(() -> SourceColumns.of(ORDERS, List.of("price", "PRICE")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duplicate source column 'PRICE'");
    assertThatThrownBy(() -> SourceColumns.of(ORDERS, List.of("price"), Set.of("price", "nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("needed columns [nope] are not in the source columns [price]");
    assertThatThrownBy(() -> SourceColumns.of(ORDERS, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a record needs at least one source column");
    assertThatThrownBy(() -> SourceColumns.of(ORDERS, List.of(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("source column name is blank");
  }

  @Test
  void refusesANotNullPlaceholder() {
    assertThatThrownBy(
            () -> new SourceColumn("tmp", ColumnType.string(), false, true, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("placeholder column 'tmp' cannot be NOT NULL: it feeds no table column");
  }
}
