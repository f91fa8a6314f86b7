package dev.sluice.storage.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableSchemaTest {

  private final TableSchema schema =
      TableSchema.of(
          TableColumn.of("Id", "bigint(20)", false), TableColumn.of("city", "varchar(64)", true));

  @Test
  void looksUpColumnsIgnoringCase() {
    assertThat(schema.indexOf("id")).isZero();
    assertThat(schema.indexOf("CITY")).isEqualTo(1);
    assertThat(schema.indexOf("country")).isEqualTo(-1);
    assertThat(schema.column("ID")).contains(schema.column(0));
    assertThat(schema.column("country")).isEmpty();
    assertThat(schema.size()).isEqualTo(2);
    assertThat(schema.column(1)).hasToString("city VARCHAR(64) NULL");
    assertThat(schema.column(0)).hasToString("Id BIGINT NOT NULL");
  }

  @Test
  void refusesDuplicateAndEmptySchemas() {
    assertThatThrownBy(
            () ->
                TableSchema.of(TableColumn.of("a", "INT", true), TableColumn.of("A", "INT", true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duplicate column name: A and a");
    assertThatThrownBy(() -> new TableSchema(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a table needs at least one column");
    assertThatThrownBy(() -> TableColumn.of(" ", "INT", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column name is blank");
  }

  @Test
  void isImmutable() {
    List<TableColumn> columns = new ArrayList<>(List.of(TableColumn.of("a", "INT", true)));
    TableSchema copy = new TableSchema(columns);
    columns.add(TableColumn.of("b", "INT", true));
    assertThat(copy.size()).isEqualTo(1);
    assertThatThrownBy(() -> copy.columns().add(TableColumn.of("c", "INT", true)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage(null);
  }
}
