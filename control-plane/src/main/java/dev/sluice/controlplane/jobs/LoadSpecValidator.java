package dev.sluice.controlplane.jobs;

import dev.sluice.controlplane.catalog.TableDefinition;
import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.expr.ExpressionException;
import dev.sluice.expr.LoadAnalyzer;
import dev.sluice.expr.LoadTransform;
import dev.sluice.expr.TransformOptions;
import dev.sluice.sql.SqlParseException;
import dev.sluice.storage.schema.TableColumn;
import dev.sluice.storage.schema.TableSchema;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a job's load clauses against its target table at CREATE and ALTER time — the same analysis
 * the worker compiles once per task — so that a mistake is reported to the user then, with its
 * position, not discovered by a worker later.
 */
final class LoadSpecValidator {
  private LoadSpecValidator() {}

  static void validate(LoadSpec spec, JobProperties properties, TableDefinition table) {
    LoadTransform transform;
    try {
      transform =
          LoadAnalyzer.analyze(
              schemaOf(table),
              spec.columns(),
              spec.where(),
              TransformOptions.of(ZoneId.of(properties.timezone()), properties.strictMode()));
    } catch (SqlParseException e) {
      throw new SluiceException(ErrorCode.SYNTAX_ERROR, "COLUMNS/WHERE: " + e.getMessage());
    } catch (ExpressionException e) {
      throw new SluiceException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
    }
    if (!properties.jsonpaths().isEmpty()) {
      int paths = JsonPaths.count(properties.jsonpaths());
      int sources = transform.sourceFields().size();
      if (paths != sources) {
        throw new SluiceException(
            ErrorCode.INVALID_ARGUMENT,
            "jsonpaths has "
                + paths
                + " paths but "
                + (spec.columns().isEmpty() ? "the table has " : "COLUMNS names ")
                + sources
                + " source columns");
      }
    }
  }

  static TableSchema schemaOf(TableDefinition table) {
    List<TableColumn> columns = new ArrayList<>();
    for (TableDefinition.Column column : table.columns()) {
      columns.add(TableColumn.of(column.name(), column.type(), column.nullable()));
    }
    return new TableSchema(columns);
  }
}
