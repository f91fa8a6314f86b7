package dev.sluice.worker.task;

import static java.util.Objects.requireNonNull;

import dev.sluice.api.lease.Lease;
import dev.sluice.sql.SqlParser;
import dev.sluice.sql.tree.ColumnMapping;
import dev.sluice.sql.tree.ColumnRef;
import dev.sluice.storage.schema.TableColumn;
import dev.sluice.storage.schema.TableSchema;
import dev.sluice.worker.decode.RecordDecoder;
import dev.sluice.worker.decode.RecordDecoders;
import dev.sluice.worker.decode.SourceColumn;
import dev.sluice.worker.decode.SourceColumns;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a lease asks for, parsed once per task: the table schema, the source columns of the COLUMNS
 * list, and a decoder for the job's format.
 */
public record TaskPlan(
    TableSchema table, SourceColumns source, List<String> partitionColumns, Lease lease) {
  public TaskPlan {
    requireNonNull(table, "table is null");
    requireNonNull(source, "source is null");
    partitionColumns = List.copyOf(requireNonNull(partitionColumns, "partitionColumns is null"));
    requireNonNull(lease, "lease is null");
  }

  public static TaskPlan of(Lease lease) {
    List<TableColumn> columns = new ArrayList<>();
    lease
        .getTable()
        .getColumnsList()
        .forEach(c -> columns.add(TableColumn.of(c.getName(), c.getType(), c.getNullable())));
    TableSchema table = new TableSchema(columns);
    List<String> partitionColumns = new ArrayList<>();
    for (String text : lease.getTable().getPartitionByList()) {
      if (!(SqlParser.parseExpression(text) instanceof ColumnRef ref)) {
        throw new UnsupportedOperationException(
            "PARTITION BY " + text + " needs the expression engine");
      }
      partitionColumns.add(
          table
              .column(ref.name())
              .orElseThrow(() -> new IllegalArgumentException("no partition column " + ref.name()))
              .name());
    }
    String mappingText = lease.getSpec().getColumns();
    if (mappingText.isEmpty()) {
      return new TaskPlan(table, SourceColumns.ofTable(table), partitionColumns, lease);
    }
    List<String> sourceNames = new ArrayList<>();
    Set<String> needed = new HashSet<>();
    for (ColumnMapping mapping : SqlParser.parseColumnMappings(mappingText)) {
      if (mapping.isDerived()) {
        throw new UnsupportedOperationException(
            "derived column '" + mapping.name() + "' needs the expression engine");
      }
      sourceNames.add(mapping.name());
      // A placeholder that no expression reads is skipped without converting its text.
      if (table.column(mapping.name()).isPresent()) {
        needed.add(mapping.name());
      }
    }
    return new TaskPlan(
        table, SourceColumns.of(table, sourceNames, needed), partitionColumns, lease);
  }

  /** The index of the source column that feeds {@code tableColumn}, or -1 when none does. */
  public int sourceIndexOf(String tableColumn) {
    for (int i = 0; i < source.size(); i++) {
      SourceColumn column = source.column(i);
      if (column.needed()
          && column.tableColumn().map(name -> name.equalsIgnoreCase(tableColumn)).orElse(false)) {
        return i;
      }
    }
    return -1;
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
        source);
  }

  private static Optional<String> optional(String text) {
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}
