package dev.sluice.worker.task;

import static java.util.Objects.requireNonNull;

import dev.sluice.api.lease.Lease;
import dev.sluice.expr.LoadAnalyzer;
import dev.sluice.expr.LoadTransform;
import dev.sluice.expr.SourceField;
import dev.sluice.expr.TableExpression;
import dev.sluice.expr.TransformOptions;
import dev.sluice.storage.schema.TableColumn;
import dev.sluice.storage.schema.TableSchema;
import dev.sluice.worker.decode.RecordDecoder;
import dev.sluice.worker.decode.RecordDecoders;
import dev.sluice.worker.decode.SourceColumn;
import dev.sluice.worker.decode.SourceColumns;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a lease asks for, compiled once per task: the table schema, the load transform (COLUMNS
 * mapping, derived columns, WHERE), the source columns the decoder fills, and the PARTITION BY
 * expressions.
 */
public record TaskPlan(
    TableSchema table,
    LoadTransform transform,
    SourceColumns source,
    List<TableExpression> partitionBy,
    Lease lease) {
  public TaskPlan {
    requireNonNull(table, "table is null");
    requireNonNull(transform, "transform is null");
    requireNonNull(source, "source is null");
    partitionBy = List.copyOf(requireNonNull(partitionBy, "partitionBy is null"));
    requireNonNull(lease, "lease is null");
  }

  public static TaskPlan of(Lease lease) {
    List<TableColumn> columns = new ArrayList<>();
    lease
        .getTable()
        .getColumnsList()
        .forEach(c -> columns.add(TableColumn.of(c.getName(), c.getType(), c.getNullable())));
    TableSchema table = new TableSchema(columns);
    var spec = lease.getSpec();
    TransformOptions options =
        TransformOptions.of(
            ZoneId.of(spec.getTimezone().isEmpty() ? "Etc/UTC" : spec.getTimezone()),
            spec.getStrictMode());
    LoadTransform transform =
        LoadAnalyzer.analyze(table, spec.getColumns(), spec.getWhere(), options);
    List<SourceColumn> source = new ArrayList<>();
    for (SourceField field : transform.sourceFields()) {
      source.add(
          new SourceColumn(
              field.name(), field.type(), field.nullable(), field.needed(), field.tableColumn()));
    }
    List<TableExpression> partitionBy = new ArrayList<>();
    for (String text : lease.getTable().getPartitionByList()) {
      partitionBy.add(LoadAnalyzer.analyzeTableExpression(table, text, options));
    }
    return new TaskPlan(table, transform, new SourceColumns(source), partitionBy, lease);
  }

  /** A new decoder: decoders keep scratch buffers, so each task thread needs its own. */
  public RecordDecoder newDecoder() {
    var spec = lease.getSpec();
    return RecordDecoders.create(
        spec.getFormat(),
        spec.getColumnSeparator().isEmpty()
            ? RecordDecoders.DEFAULT_SEPARATOR
            : spec.getColumnSeparator().toByteArray(),
        optional(spec.getJsonpaths()),
        optional(spec.getJsonRoot()),
        spec.getStripOuterArray(),
        spec.getStrictMode(),
        optional(spec.getSchemaRegistryUrl()),
        source);
  }

  /**
   * The names in the Hive-style partition path: the column an expression reads ({@code dt} for
   * {@code dt} or {@code date_trunc('day', dt)}), or {@code partition_N} when it reads several.
   */
  public List<String> partitionNames() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < partitionBy.size(); i++) {
      var read = partitionBy.get(i).columns();
      names.add(read.size() == 1 ? read.iterator().next() : "partition_" + i);
    }
    return names;
  }

  private static Optional<String> optional(String text) {
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}
