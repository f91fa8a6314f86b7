package dev.sluice.controlplane.grpc;

import dev.sluice.api.admin.AlterRoutineLoadRequest;
import dev.sluice.api.admin.ColumnDefinition;
import dev.sluice.api.admin.CreateRoutineLoadRequest;
import dev.sluice.api.admin.CreateStorageVolumeRequest;
import dev.sluice.api.admin.CreateTableRequest;
import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.sql.SqlParseException;
import dev.sluice.sql.SqlParser;
import dev.sluice.sql.tree.AggregateType;
import dev.sluice.sql.tree.AlterRoutineLoad;
import dev.sluice.sql.tree.CreateRoutineLoad;
import dev.sluice.sql.tree.CreateStorageVolume;
import dev.sluice.sql.tree.CreateTable;
import dev.sluice.sql.tree.DataType;
import dev.sluice.sql.tree.Distribution;
import dev.sluice.sql.tree.Expression;
import dev.sluice.sql.tree.KeysDescription;
import dev.sluice.sql.tree.LoadProperties;
import dev.sluice.sql.tree.Nullability;
import dev.sluice.sql.tree.PartitionNames;
import dev.sluice.sql.tree.Partitioning;
import dev.sluice.sql.tree.Position;
import dev.sluice.sql.tree.Property;
import dev.sluice.sql.tree.PropertyList;
import dev.sluice.sql.tree.QualifiedName;
import dev.sluice.storage.schema.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Turns the typed admin requests into the same statements the SQL parser produces, so a typed call
 * and its SQL twin run through one executor and behave identically.
 */
final class TypedStatements {
  /** Typed requests have no source text; positions point at the start. */
  private static final Position NOWHERE = new Position(1, 0);

  private TypedStatements() {}

  static CreateTable createTable(CreateTableRequest request) {
    List<dev.sluice.sql.tree.ColumnDefinition> columns = new ArrayList<>();
    for (ColumnDefinition column : request.getColumnsList()) {
      columns.add(
          new dev.sluice.sql.tree.ColumnDefinition(
              column.getName(),
              dataType(column.getName(), column.getType()),
              column.getAggregation().isEmpty()
                  ? Optional.empty()
                  : Optional.of(
                      parse(
                          () ->
                              AggregateType.valueOf(
                                  column.getAggregation().toUpperCase(Locale.ROOT)),
                          "aggregation of column '" + column.getName() + "'")),
              column.getNotNull() ? Nullability.NOT_NULL : Nullability.NULL,
              Optional.empty(),
              false,
              optional(column.getComment()),
              NOWHERE));
    }
    if (columns.isEmpty()) {
      throw invalid("CreateTable needs at least one column");
    }
    Optional<KeysDescription> keys =
        request.getKeyModel().isEmpty()
            ? Optional.empty()
            : Optional.of(
                new KeysDescription(
                    parse(
                        () ->
                            KeysDescription.Type.valueOf(
                                request.getKeyModel().toUpperCase(Locale.ROOT)),
                        "key_model"),
                    request.getKeyColumnsList(),
                    NOWHERE));
    List<Expression> partitionBy = new ArrayList<>();
    for (String text : request.getPartitionByList()) {
      partitionBy.add(expression(text, "partition_by"));
    }
    Optional<Distribution> distribution =
        request.getDistributedByCount() == 0 && request.getBuckets() == 0
            ? Optional.empty()
            : Optional.of(
                new Distribution(
                    request.getDistributedByCount() == 0
                        ? Distribution.Type.RANDOM
                        : Distribution.Type.HASH,
                    request.getDistributedByList(),
                    request.getBuckets() == 0
                        ? OptionalInt.empty()
                        : OptionalInt.of(request.getBuckets()),
                    NOWHERE));
    return new CreateTable(
        name(request.getDatabase(), request.getName()),
        request.getIfNotExists(),
        columns,
        Optional.empty(),
        keys,
        optional(request.getComment()),
        partitionBy.isEmpty()
            ? Optional.empty()
            : Optional.of(new Partitioning(partitionBy, NOWHERE)),
        distribution,
        List.of(),
        properties(request.getPropertiesMap()),
        false,
        NOWHERE);
  }

  static CreateRoutineLoad createRoutineLoad(CreateRoutineLoadRequest request) {
    return new CreateRoutineLoad(
        name(request.getDatabase(), request.getName()),
        request.getTable(),
        loadProperties(
            request.getColumnSeparator(),
            request.getColumns(),
            request.getWhere(),
            request.getPartitionsList()),
        properties(request.getJobPropertiesMap()),
        properties(request.getDataSourcePropertiesMap()),
        false,
        NOWHERE);
  }

  static AlterRoutineLoad alterRoutineLoad(AlterRoutineLoadRequest request) {
    return new AlterRoutineLoad(
        name(request.getDatabase(), request.getName()),
        loadProperties(
            request.getColumnSeparator(), request.getColumns(), request.getWhere(), List.of()),
        properties(request.getJobPropertiesMap()),
        properties(request.getDataSourcePropertiesMap()),
        false,
        NOWHERE);
  }

  static CreateStorageVolume createStorageVolume(CreateStorageVolumeRequest request) {
    return new CreateStorageVolume(
        request.getName(),
        request.getIfNotExists(),
        request.getType().toUpperCase(Locale.ROOT),
        request.getLocationsList(),
        optional(request.getComment()),
        properties(request.getPropertiesMap()),
        false,
        NOWHERE);
  }

  static QualifiedName name(String database, String name) {
    return database.isEmpty()
        ? QualifiedName.of(name, NOWHERE)
        : QualifiedName.of(database, name, NOWHERE);
  }

  private static LoadProperties loadProperties(
      String separator, String columns, String where, List<String> partitions) {
    return new LoadProperties(
        optional(separator),
        Optional.empty(),
        columns.isEmpty()
            ? List.of()
            : parse(() -> SqlParser.parseColumnMappings(columns), "columns"),
        where.isEmpty() ? Optional.empty() : Optional.of(expression(where, "where")),
        partitions.isEmpty()
            ? Optional.empty()
            : Optional.of(new PartitionNames(false, partitions, NOWHERE)));
  }

  private static DataType dataType(String column, String text) {
    ColumnType type;
    try {
      type = ColumnType.parse(text);
    } catch (IllegalArgumentException e) {
      throw invalid("column '" + column + "': " + e.getMessage());
    }
    return new DataType(type.kind().name(), type.parameters(), NOWHERE);
  }

  private static Expression expression(String text, String field) {
    return parse(() -> SqlParser.parseExpression(text), field);
  }

  private static PropertyList properties(Map<String, String> map) {
    List<Property> properties = new ArrayList<>();
    map.forEach(
        (key, value) -> properties.add(new Property(key.toLowerCase(Locale.ROOT), value, NOWHERE)));
    return new PropertyList(properties);
  }

  private static <T> T parse(Supplier<T> parser, String field) {
    try {
      return parser.get();
    } catch (SqlParseException e) {
      throw new SluiceException(ErrorCode.SYNTAX_ERROR, field + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw invalid(field + ": " + e.getMessage());
    }
  }

  private static Optional<String> optional(String text) {
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  private static SluiceException invalid(String message) {
    return new SluiceException(ErrorCode.INVALID_ARGUMENT, message);
  }
}
