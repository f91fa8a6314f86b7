package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.admin.ResultSet;
import dev.sluice.api.admin.Row;
import dev.sluice.api.admin.Value;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResultPrinterTest {
  private static String print(ResultSet result) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ResultPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8)).print(result, 0.0);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static final ResultSet VOLUMES =
      ResultSet.newBuilder()
          .addColumns("Storage Volume")
          .addRows(Row.newBuilder().addValues(Value.newBuilder().setText("builtin_storage_volume")))
          .build();

  @Test
  void tablesAreBoxedLikeTheMysqlClient() {
    assertThat(print(VOLUMES))
        .isEqualTo(
            """
            +------------------------+
            | Storage Volume         |
            +------------------------+
            | builtin_storage_volume |
            +------------------------+
            1 row in set (0.00 sec)

            """);
  }

  @Test
  void verticalResultsPrintOneFieldPerLine() {
    ResultSet job =
        ResultSet.newBuilder()
            .addColumns("Name")
            .addColumns("PauseTime")
            .addRows(
                Row.newBuilder()
                    .addValues(Value.newBuilder().setText("clicks"))
                    .addValues(Value.getDefaultInstance()))
            .setVertical(true)
            .build();
    assertThat(print(job))
        .isEqualTo(
            """
            *************************** 1. row ***************************
                 Name: clicks
            PauseTime: NULL
            1 row in set (0.00 sec)

            """);
  }

  @Test
  void statementsWithoutRowsPrintTheirMessage() {
    assertThat(print(ResultSet.newBuilder().setMessage("Query OK, 0 rows affected").build()))
        .isEqualTo("Query OK, 0 rows affected (0.00 sec)\n\n");
    assertThat(print(ResultSet.newBuilder().addColumns("Database").build()))
        .isEqualTo("Empty set (0.00 sec)\n\n");
  }
}
