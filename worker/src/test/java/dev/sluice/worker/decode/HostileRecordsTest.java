package dev.sluice.worker.decode;

import static dev.sluice.worker.decode.DecodeFixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.storage.schema.TableSchema;
import dev.sluice.testing.HostileRecords;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hostile-record corpus through the decoders: every bad record is one error row whose reason
 * names the problem in one line, every good record around it loads as written, and decoding the
 * corpus over and over holds no more memory than decoding it once.
 */
class HostileRecordsTest {
  private static final TableSchema TABLE =
      table(
          "id BIGINT NOT NULL",
          "small TINYINT",
          "amount DECIMAL(10,2)",
          "day DATE",
          "name VARCHAR(20)",
          "note STRING");

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    // Closing fails if any buffer was leaked.
    allocator.close();
  }

  @Test
  void csvCorpus() {
    SourceColumns columns = SourceColumns.ofTable(TABLE);
    check(
        RecordDecoders.csv(DecodeFixture.utf8(","), true, columns), columns, HostileRecords.csv());
  }

  @Test
  void jsonCorpus() {
    SourceColumns columns = SourceColumns.ofTable(TABLE);
    check(
        RecordDecoders.json(Optional.empty(), Optional.empty(), false, true, columns),
        columns,
        HostileRecords.json());
  }

  @Test
  void decodingTheCorpusAgainAndAgainHoldsNoMoreMemory() {
    SourceColumns columns = SourceColumns.ofTable(TABLE);
    RecordDecoder csv = RecordDecoders.csv(DecodeFixture.utf8(","), true, columns);
    RecordDecoder json =
        RecordDecoders.json(Optional.empty(), Optional.empty(), false, true, columns);
    DecodeFixture.Rejects rejects = new DecodeFixture.Rejects();
    try (SourceBatch batch = new SourceBatch(columns, allocator, 64)) {
      decodeAll(csv, HostileRecords.csv(), batch, rejects);
      decodeAll(json, HostileRecords.json(), batch, rejects);
      long afterFirstPass = allocator.getAllocatedMemory();
      for (int pass = 0; pass < 20; pass++) {
        decodeAll(csv, HostileRecords.csv(), batch, rejects);
        decodeAll(json, HostileRecords.json(), batch, rejects);
      }
      assertThat(allocator.getAllocatedMemory()).isLessThanOrEqualTo(afterFirstPass);
    }
  }

  private static void decodeAll(
      RecordDecoder decoder,
      List<HostileRecords.Sample> samples,
      SourceBatch batch,
      DecodeFixture.Rejects rejects) {
    for (HostileRecords.Sample sample : samples) {
      if (batch.isFull()) {
        batch.reset();
      }
      decoder.decode(sample.value().orElse(null), batch, rejects);
    }
    batch.reset();
  }

  private void check(
      RecordDecoder decoder, SourceColumns columns, List<HostileRecords.Sample> samples) {
    List<String> expectedRows = new ArrayList<>();
    List<String> expectedReasons = new ArrayList<>();
    DecodeFixture.Rejects rejects = new DecodeFixture.Rejects();
    List<String> problems = new ArrayList<>();
    try (SourceBatch batch = new SourceBatch(columns, allocator, 1024)) {
      for (int i = 0; i < samples.size(); i++) {
        HostileRecords.Sample sample = samples.get(i);
        int before = rejects.count();
        int rows = decoder.decode(sample.value().orElse(null), batch, rejects);
        if (sample.good()) {
          expectedRows.add(sample.row().orElseThrow());
          if (rows != 1) {
            problems.add(
                "record "
                    + i
                    + " should load but: "
                    + rejects.reasons.subList(before, rejects.count()));
          }
        } else {
          expectedReasons.add(sample.reason());
          if (rows != 0 || rejects.count() != before + 1) {
            problems.add("record " + i + " should be one error row (" + sample.reason() + ")");
          } else if (!rejects.last().contains(sample.reason())) {
            problems.add(
                "record "
                    + i
                    + ": reason '"
                    + rejects.last()
                    + "' lacks '"
                    + sample.reason()
                    + "'");
          }
        }
      }
      batch.finish();
      assertThat(problems).isEmpty();
      assertThat(rows(batch)).containsExactlyElementsOf(expectedRows);
      assertThat(rejects.reasons).hasSameSizeAs(expectedReasons);
      // Reasons are log lines: no line breaks or tabs, and bounded in length.
      assertThat(rejects.reasons)
          .allSatisfy(
              reason -> assertThat(reason).doesNotContain("\n", "\r", "\t").hasSizeLessThan(2_000));
    }
  }

  private static List<String> rows(SourceBatch batch) {
    List<String> rows = new ArrayList<>();
    for (int row = 0; row < batch.rowCount(); row++) {
      Object[] values = new Object[6];
      int i = 0;
      for (String name : List.of("id", "small", "amount", "day", "name", "note")) {
        FieldVector vector = batch.vector(name);
        Object value = DecodeFixture.valueAt(vector, row);
        values[i++] = value instanceof BigDecimal decimal ? decimal.toPlainString() : value;
      }
      rows.add(
          HostileRecords.render(values[0], values[1], values[2], values[3], values[4], values[5]));
    }
    return rows;
  }
}
