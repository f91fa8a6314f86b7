package dev.sluice.worker.decode;

import static dev.sluice.worker.decode.DecodeFixture.column;
import static dev.sluice.worker.decode.DecodeFixture.table;
import static dev.sluice.worker.decode.DecodeFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.storage.schema.ArrowTypes;
import dev.sluice.storage.schema.TableSchema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SourceBatchTest {

  private static final TableSchema ALL_TYPES =
      table(
          "b BOOLEAN",
          "ti TINYINT",
          "si SMALLINT",
          "i INT NOT NULL",
          "bi BIGINT",
          "li LARGEINT",
          "f FLOAT",
          "d DOUBLE",
          "dec DECIMAL(10,2)",
          "dt DATE",
          "ts DATETIME",
          "c CHAR(3)",
          "v VARCHAR(10)",
          "s STRING");

  private final BufferAllocator allocator = new RootAllocator();
  private final DecodeFixture.Rejects rejects = new DecodeFixture.Rejects();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void holdsOneVectorPerNeededColumnOfTheTablesArrowType() {
    SourceColumns columns = SourceColumns.ofTable(ALL_TYPES);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 100)) {
      assertThat(batch.vectors()).hasSize(14);
      for (int i = 0; i < columns.size(); i++) {
        FieldVector vector = batch.vector(i);
        assertThat(vector.getField().getName()).isEqualTo(columns.column(i).name());
        assertThat(vector.getField().getType()).isEqualTo(ArrowTypes.of(columns.column(i).type()));
        assertThat(vector.getField().isNullable()).isEqualTo(columns.column(i).nullable());
        assertThat(vector.getValueCapacity()).isGreaterThanOrEqualTo(100);
      }
      assertThat(batch.capacity()).isEqualTo(100);
      assertThat(batch.isFull()).isFalse();
      assertThatThrownBy(() -> batch.vector("nope"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no source column named 'nope'");
    }
    assertThatThrownBy(() -> new SourceBatch(columns, allocator, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch capacity must be at least 1: 0");
  }

  @Test
  void reusesItsVectorsAcrossBatchesWithoutGrowing() {
    SourceColumns columns = SourceColumns.ofTable(ALL_TYPES);
    RecordDecoder decoder = RecordDecoders.csv(utf8("|"), true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 64)) {
      long afterFirst = -1;
      for (int round = 0; round < 3; round++) {
        for (int row = 0; row < 64; row++) {
          int n = round * 1000 + row;
          String line =
              (n % 2 == 0)
                  + "|"
                  + (row - 64)
                  + "|"
                  + n
                  + "|"
                  + n
                  + "|"
                  + (n * 1_000_000_000L)
                  + "|"
                  + n
                  + "12345678901234567890|"
                  + n
                  + ".5|"
                  + n
                  + ".25|"
                  + n
                  + ".125|2020-05-"
                  + (1 + row % 28)
                  + "|2020-05-08 10:11:"
                  + (row % 60 < 10 ? "0" : "")
                  + row % 60
                  + ".5|"
                  + "c"
                  + (row % 10)
                  + "|name-"
                  + n
                  + "|"
                  + (row % 3 == 0 ? "\\N" : "text " + n);
          assertThat(decoder.decode(utf8(line), batch, rejects)).as(line).isEqualTo(1);
        }
        assertThat(batch.isFull()).isTrue();
        batch.finish();
        assertThat(rejects.reasons).isEmpty();
        assertThat(batch.rowCount()).isEqualTo(64);
        for (FieldVector vector : batch.vectors()) {
          assertThat(vector.getValueCount()).isEqualTo(64);
        }
        int base = round * 1000;
        int row = 37;
        assertThat(column(batch, "b").get(row)).isEqualTo(false);
        assertThat(column(batch, "ti").get(row)).isEqualTo((byte) (row - 64));
        assertThat(column(batch, "si").get(row)).isEqualTo((short) (base + row));
        assertThat(column(batch, "i").get(row)).isEqualTo(base + row);
        assertThat(column(batch, "bi").get(row)).isEqualTo((base + row) * 1_000_000_000L);
        assertThat(column(batch, "li").get(row))
            .isEqualTo(new BigDecimal((base + row) + "12345678901234567890"));
        assertThat(column(batch, "f").get(row)).isEqualTo((base + row) + 0.5f);
        assertThat(column(batch, "d").get(row)).isEqualTo((base + row) + 0.25);
        assertThat(column(batch, "dec").get(row)).isEqualTo(new BigDecimal((base + row) + ".13"));
        assertThat(column(batch, "dt").get(row)).isEqualTo(LocalDate.of(2020, 5, 10));
        assertThat(column(batch, "ts").get(row))
            .isEqualTo(LocalDateTime.of(2020, 5, 8, 10, 11, 37, 500_000_000));
        assertThat(column(batch, "c").get(row)).isEqualTo("c7");
        assertThat(column(batch, "v").get(row)).isEqualTo("name-" + (base + row));
        assertThat(column(batch, "s").get(row)).isEqualTo("text " + (base + row));
        assertThat(column(batch, "s").get(36)).isNull();
        assertThat(column(batch, "v").get(0)).isEqualTo("name-" + base);
        assertThat(column(batch, "v").get(63)).isEqualTo("name-" + (base + 63));

        if (round == 0) {
          afterFirst = allocator.getAllocatedMemory();
        } else {
          assertThat(allocator.getAllocatedMemory()).isEqualTo(afterFirst);
        }
        batch.reset();
        assertThat(batch.rowCount()).isZero();
      }
    }
  }

  @Test
  void releasesBuffersThatARecordGrewFarBeyondTheCapacity() {
    SourceColumns columns = SourceColumns.ofTable(table("a INT", "b STRING"));
    RecordDecoder decoder =
        RecordDecoders.json(Optional.empty(), Optional.empty(), true, true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 4)) {
      long initial = allocator.getAllocatedMemory();
      List<String> objects = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        objects.add("{\"a\": " + i + ", \"b\": \"value " + i + "\"}");
      }
      assertThat(decoder.decode(utf8("[" + String.join(",", objects) + "]"), batch, rejects))
          .isEqualTo(1000);
      batch.finish();
      assertThat(column(batch, "b").get(999)).isEqualTo("value 999");
      assertThat(allocator.getAllocatedMemory()).isGreaterThan(4 * initial);

      batch.reset();
      assertThat(allocator.getAllocatedMemory()).isEqualTo(initial);
      assertThat(decoder.decode(utf8("[{\"a\": 1, \"b\": \"x\"}]"), batch, rejects)).isEqualTo(1);
      batch.finish();
      assertThat(column(batch, "b")).containsExactly("x");
    }
  }

  @Test
  void closesItsVectorsOnce() {
    SourceColumns columns = SourceColumns.ofTable(table("a INT", "b STRING"));
    SourceBatch batch = new SourceBatch(columns, allocator, 8);
    assertThat(allocator.getAllocatedMemory()).isPositive();
    batch.close();
    batch.close();
    assertThat(allocator.getAllocatedMemory()).isZero();
  }
}
