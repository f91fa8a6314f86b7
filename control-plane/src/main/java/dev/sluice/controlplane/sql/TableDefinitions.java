package dev.sluice.controlplane.sql;

import dev.sluice.controlplane.catalog.KeyModel;
import dev.sluice.controlplane.catalog.TableDefinition;
import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.sql.ExpressionFormatter;
import dev.sluice.sql.tree.ColumnDefinition;
import dev.sluice.sql.tree.ColumnRef;
import dev.sluice.sql.tree.CreateTable;
import dev.sluice.sql.tree.Distribution;
import dev.sluice.sql.tree.Expression;
import dev.sluice.sql.tree.KeysDescription;
import dev.sluice.sql.tree.Nullability;
import dev.sluice.sql.tree.Position;
import dev.sluice.storage.schema.ColumnType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Checks a CREATE TABLE statement and turns it into a {@link TableDefinition}. */
final class TableDefinitions {
  /** Tables without BUCKETS get one bucket: one file per partition per task round. */
  static final int DEFAULT_BUCKETS = 1;

  /**
   * The most buckets a table may have: StarRocks' default max_bucket_number_per_partition. A task
   * round opens a file per (partition, bucket) it sees, so this bounds the files of one partition.
   */
  static final int MAX_BUCKETS = 1024;

  private TableDefinitions() {}

  static TableDefinition fromAst(CreateTable statement, String database, String sql) {
    List<ColumnDefinition> definitions = statement.columns();
    Set<String> names = new HashSet<>();
    for (ColumnDefinition column : definitions) {
      if (!names.add(column.name().toLowerCase(Locale.ROOT))) {
        throw invalid(column.position(), "Duplicate column name '" + column.name() + "'");
      }
    }
    KeysDescription keys =
        statement
            .keys()
            .orElseGet(
                () ->
                    new KeysDescription(
                        KeysDescription.Type.DUPLICATE,
                        List.of(definitions.get(0).name()),
                        statement.position()));
    checkKeyPrefix(keys, definitions);
    KeyModel model = KeyModel.valueOf(keys.type().name());
    Set<String> keyNames = lower(keys.columns());

    List<TableDefinition.Column> columns = new ArrayList<>();
    for (ColumnDefinition column : definitions) {
      boolean key = keyNames.contains(column.name().toLowerCase(Locale.ROOT));
      columns.add(toColumn(column, key, model));
    }

    List<String> partitionBy = new ArrayList<>();
    statement
        .partitioning()
        .ifPresent(
            partitioning -> {
              for (Expression expression : partitioning.expressions()) {
                requireColumnsExist(expression, names);
                partitionBy.add(ExpressionFormatter.format(expression));
              }
            });

    List<String> distributedBy = List.of();
    int buckets = DEFAULT_BUCKETS;
    if (statement.distribution().isPresent()) {
      Distribution distribution = statement.distribution().get();
      for (String column : distribution.columns()) {
        if (!names.contains(column.toLowerCase(Locale.ROOT))) {
          throw invalid(
              distribution.position(), "DISTRIBUTED BY HASH names unknown column '" + column + "'");
        }
      }
      distributedBy = distribution.columns();
      buckets = distribution.buckets().orElse(DEFAULT_BUCKETS);
      if (buckets < 1) {
        throw invalid(distribution.position(), "BUCKETS must be at least 1");
      }
      if (buckets > MAX_BUCKETS) {
        throw invalid(
            distribution.position(),
            "The number of buckets is too large, the maximum is " + MAX_BUCKETS + ": " + buckets);
      }
    }
    return new TableDefinition(
        0,
        database,
        statement.table().name(),
        columns,
        model,
        keys.columns(),
        partitionBy,
        distributedBy,
        buckets,
        statement.comment().orElse(""),
        statement.properties().asMap(),
        // Resolved from PROPERTIES ("storage_volume") or the default volume when stored.
        statement.properties().get("storage_volume").orElse(""),
        sql);
  }

  private static TableDefinition.Column toColumn(
      ColumnDefinition column, boolean key, KeyModel model) {
    String type;
    try {
      type = ColumnType.parse(column.type().text()).toString();
    } catch (IllegalArgumentException e) {
      throw invalid(column.type().position(), "Column '" + column.name() + "': " + e.getMessage());
    }
    boolean nullable = column.nullability() != Nullability.NOT_NULL;
    if (key && model == KeyModel.PRIMARY && nullable) {
      // StarRocks: primary key columns cannot hold NULL.
      nullable = false;
    }
    Optional<String> aggregation = column.aggregateType().map(Enum::name);
    if (model == KeyModel.AGGREGATE && !key && aggregation.isEmpty()) {
      throw invalid(
          column.position(),
          "Column '"
              + column.name()
              + "' of an AGGREGATE KEY table needs an aggregate function"
              + " such as SUM");
    }
    if (key && aggregation.isPresent()) {
      throw invalid(
          column.position(),
          "Key column '" + column.name() + "' cannot have an aggregate function");
    }
    return new TableDefinition.Column(
        column.name(),
        type,
        nullable,
        key,
        aggregation,
        column.defaultValue().map(ExpressionFormatter::format),
        column.comment().orElse(""));
  }

  private static void checkKeyPrefix(KeysDescription keys, List<ColumnDefinition> columns) {
    if (keys.columns().size() > columns.size()) {
      throw invalid(keys.position(), "More key columns than table columns");
    }
    for (int i = 0; i < keys.columns().size(); i++) {
      if (!keys.columns().get(i).equalsIgnoreCase(columns.get(i).name())) {
        throw invalid(
            keys.position(),
            "Key columns must be the first columns of the table, in order: expected '"
                + columns.get(i).name()
                + "' but found '"
                + keys.columns().get(i)
                + "'");
      }
    }
  }

  private static void requireColumnsExist(Expression expression, Set<String> names) {
    if (expression instanceof ColumnRef ref
        && !names.contains(ref.name().toLowerCase(Locale.ROOT))) {
      throw invalid(ref.position(), "PARTITION BY names unknown column '" + ref.name() + "'");
    }
  }

  private static Set<String> lower(List<String> names) {
    Set<String> lower = new HashSet<>();
    names.forEach(n -> lower.add(n.toLowerCase(Locale.ROOT)));
    return lower;
  }

  private static SluiceException invalid(Position position, String message) {
    return new SluiceException(
        ErrorCode.INVALID_ARGUMENT,
        "line " + position.line() + ":" + position.column() + ": " + message);
  }
}
