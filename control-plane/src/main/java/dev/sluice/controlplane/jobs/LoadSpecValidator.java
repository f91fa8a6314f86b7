package dev.sluice.controlplane.jobs;

import dev.sluice.controlplane.catalog.TableDefinition;
import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.sql.SqlParseException;
import dev.sluice.sql.SqlParser;
import dev.sluice.sql.tree.ColumnMapping;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a job's load clauses against its target table at CREATE and ALTER time, so that a mistake
 * is reported to the user then, not discovered by a worker later.
 */
final class LoadSpecValidator {
  private LoadSpecValidator() {}

  static void validate(LoadSpec spec, JobProperties properties, TableDefinition table) {
    List<ColumnMapping> mappings = spec.columns().isEmpty() ? List.of() : parse(spec.columns());
    Set<String> seen = new HashSet<>();
    int sourceColumns = 0;
    for (ColumnMapping mapping : mappings) {
      String name = mapping.name().toLowerCase(Locale.ROOT);
      if (!seen.add(name)) {
        throw invalid("Column '" + mapping.name() + "' appears twice in COLUMNS");
      }
      if (mapping.isDerived()) {
        if (table.findColumn(mapping.name()).isEmpty()) {
          throw invalid(
              "Derived column '"
                  + mapping.name()
                  + "' is not a column of table '"
                  + table.database()
                  + "."
                  + table.name()
                  + "'");
        }
      } else {
        sourceColumns++;
      }
    }
    if (!spec.where().isEmpty()) {
      try {
        SqlParser.parseExpression(spec.where());
      } catch (SqlParseException e) {
        throw new SluiceException(ErrorCode.SYNTAX_ERROR, "WHERE: " + e.getMessage());
      }
    }
    if (!properties.jsonpaths().isEmpty()) {
      int paths = JsonPaths.count(properties.jsonpaths());
      int expected = mappings.isEmpty() ? table.columns().size() : sourceColumns;
      if (paths != expected) {
        throw invalid(
            "jsonpaths has "
                + paths
                + " paths but "
                + (mappings.isEmpty() ? "the table has " : "COLUMNS names ")
                + expected
                + " source columns");
      }
    }
  }

  private static List<ColumnMapping> parse(String columns) {
    try {
      return SqlParser.parseColumnMappings(columns);
    } catch (SqlParseException e) {
      throw new SluiceException(ErrorCode.SYNTAX_ERROR, "COLUMNS: " + e.getMessage());
    }
  }

  private static SluiceException invalid(String message) {
    return new SluiceException(ErrorCode.INVALID_ARGUMENT, message);
  }
}
