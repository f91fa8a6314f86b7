package dev.sluice.sql;

import static dev.sluice.sql.Trees.error;
import static dev.sluice.sql.Trees.position;

import dev.sluice.sql.parser.SluiceSqlParser.ColumnMappingContext;
import dev.sluice.sql.parser.SluiceSqlParser.ColumnsPropertyContext;
import dev.sluice.sql.parser.SluiceSqlParser.IdentifierContext;
import dev.sluice.sql.parser.SluiceSqlParser.LoadPropertyContext;
import dev.sluice.sql.parser.SluiceSqlParser.PartitionPropertyContext;
import dev.sluice.sql.parser.SluiceSqlParser.RowsPropertyContext;
import dev.sluice.sql.parser.SluiceSqlParser.WherePropertyContext;
import dev.sluice.sql.tree.ColumnMapping;
import dev.sluice.sql.tree.Expression;
import dev.sluice.sql.tree.LoadProperties;
import dev.sluice.sql.tree.PartitionNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;

/** The load clauses of CREATE / ALTER ROUTINE LOAD, and COLUMNS mappings on their own. */
final class LoadClauses {

  private final ExpressionBuilder expressions;

  LoadClauses(ExpressionBuilder expressions) {
    this.expressions = expressions;
  }

  LoadProperties loadProperties(List<LoadPropertyContext> contexts) {
    Optional<String> columnSeparator = Optional.empty();
    Optional<String> rowDelimiter = Optional.empty();
    List<ColumnMapping> mappings = List.of();
    Optional<Expression> where = Optional.empty();
    Optional<PartitionNames> partitions = Optional.empty();
    Map<String, ParserRuleContext> seen = new HashMap<>();
    for (LoadPropertyContext context : contexts) {
      if (context instanceof ColumnsPropertyContext columns && columns.separator != null) {
        once(seen, "COLUMNS TERMINATED BY", context);
        columnSeparator = Optional.of(Trees.string(columns.separator));
      } else if (context instanceof ColumnsPropertyContext columns) {
        once(seen, "COLUMNS", context);
        mappings = columnMappings(columns.columnMapping());
      } else if (context instanceof RowsPropertyContext rows) {
        once(seen, "ROWS TERMINATED BY", context);
        rowDelimiter = Optional.of(Trees.string(rows.string()));
      } else if (context instanceof WherePropertyContext filter) {
        once(seen, "WHERE", context);
        where = Optional.of(expressions.build(filter.expression()));
      } else {
        PartitionPropertyContext partition = (PartitionPropertyContext) context;
        once(seen, "PARTITION", context);
        List<String> names = new ArrayList<>();
        for (IdentifierContext name : partition.identifier()) {
          names.add(Trees.identifier(name));
        }
        partitions =
            Optional.of(
                new PartitionNames(partition.TEMPORARY() != null, names, position(partition)));
      }
    }
    return new LoadProperties(columnSeparator, rowDelimiter, mappings, where, partitions);
  }

  /** Mapped names must be unique, case-insensitively, as StarRocks columns are. */
  List<ColumnMapping> columnMappings(List<ColumnMappingContext> contexts) {
    List<ColumnMapping> mappings = new ArrayList<>();
    Map<String, ColumnMappingContext> names = new HashMap<>();
    for (ColumnMappingContext context : contexts) {
      String name = Trees.identifier(context.identifier());
      if (names.putIfAbsent(name.toLowerCase(Locale.ROOT), context) != null) {
        throw error(context, "duplicate column '" + name + "' in COLUMNS");
      }
      Optional<Expression> expression =
          context.expression() == null
              ? Optional.empty()
              : Optional.of(expressions.build(context.expression()));
      mappings.add(new ColumnMapping(name, expression, position(context)));
    }
    return mappings;
  }

  private static void once(
      Map<String, ParserRuleContext> seen, String clause, ParserRuleContext at) {
    if (seen.putIfAbsent(clause, at) != null) {
      throw error(at, "duplicate " + clause + " clause");
    }
  }
}
