package dev.sluice.sql;

import static dev.sluice.sql.Trees.error;
import static dev.sluice.sql.Trees.position;

import dev.sluice.sql.parser.SluiceSqlParser;
import dev.sluice.sql.parser.SluiceSqlParser.AggregateOptionContext;
import dev.sluice.sql.parser.SluiceSqlParser.AutoIncrementOptionContext;
import dev.sluice.sql.parser.SluiceSqlParser.ColumnDefinitionContext;
import dev.sluice.sql.parser.SluiceSqlParser.ColumnOptionContext;
import dev.sluice.sql.parser.SluiceSqlParser.CommentOptionContext;
import dev.sluice.sql.parser.SluiceSqlParser.CreateTableContext;
import dev.sluice.sql.parser.SluiceSqlParser.DefaultOptionContext;
import dev.sluice.sql.parser.SluiceSqlParser.DefaultValueContext;
import dev.sluice.sql.parser.SluiceSqlParser.DistributionClauseContext;
import dev.sluice.sql.parser.SluiceSqlParser.ExpressionContext;
import dev.sluice.sql.parser.SluiceSqlParser.ExpressionPartitioningContext;
import dev.sluice.sql.parser.SluiceSqlParser.KeysClauseContext;
import dev.sluice.sql.parser.SluiceSqlParser.NullabilityOptionContext;
import dev.sluice.sql.parser.SluiceSqlParser.PartitionClauseContext;
import dev.sluice.sql.parser.SluiceSqlParser.RangeOrListPartitioningContext;
import dev.sluice.sql.parser.SluiceSqlParser.TableClauseContext;
import dev.sluice.sql.tree.AggregateType;
import dev.sluice.sql.tree.ColumnDefinition;
import dev.sluice.sql.tree.ColumnRef;
import dev.sluice.sql.tree.CreateTable;
import dev.sluice.sql.tree.Distribution;
import dev.sluice.sql.tree.Expression;
import dev.sluice.sql.tree.FunctionCall;
import dev.sluice.sql.tree.KeysDescription;
import dev.sluice.sql.tree.Nullability;
import dev.sluice.sql.tree.Partitioning;
import dev.sluice.sql.tree.Position;
import dev.sluice.sql.tree.PropertyList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;

/** CREATE TABLE: columns and table clauses, each clause at most once, in any order. */
final class CreateTableBuilder {

  private final ExpressionBuilder expressions;

  CreateTableBuilder(ExpressionBuilder expressions) {
    this.expressions = expressions;
  }

  CreateTable build(CreateTableContext context, boolean vertical, Position position) {
    List<ColumnDefinition> columns = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ColumnDefinitionContext column : context.columnDefinition()) {
      ColumnDefinition definition = column(column);
      if (!names.add(definition.name().toLowerCase(Locale.ROOT))) {
        throw error(column, "duplicate column '" + definition.name() + "'");
      }
      columns.add(definition);
    }

    Optional<String> engine = Optional.empty();
    Optional<KeysDescription> keys = Optional.empty();
    Optional<String> comment = Optional.empty();
    Optional<Partitioning> partitioning = Optional.empty();
    Optional<Distribution> distribution = Optional.empty();
    List<String> orderBy = List.of();
    PropertyList properties = PropertyList.EMPTY;
    Map<String, ParserRuleContext> seen = new HashMap<>();
    for (TableClauseContext clause : context.tableClause()) {
      if (clause.engineClause() != null) {
        once(seen, "ENGINE", clause);
        engine =
            Optional.of(
                Trees.identifier(clause.engineClause().identifier()).toUpperCase(Locale.ROOT));
      } else if (clause.keysClause() != null) {
        once(seen, "KEY", clause);
        keys = Optional.of(keys(clause.keysClause()));
      } else if (clause.tableCommentClause() != null) {
        once(seen, "COMMENT", clause);
        comment = Optional.of(Trees.string(clause.tableCommentClause().string()));
      } else if (clause.partitionClause() != null) {
        once(seen, "PARTITION BY", clause);
        partitioning = Optional.of(partitioning(clause.partitionClause()));
      } else if (clause.distributionClause() != null) {
        once(seen, "DISTRIBUTED BY", clause);
        distribution = Optional.of(distribution(clause.distributionClause()));
      } else if (clause.orderByClause() != null) {
        once(seen, "ORDER BY", clause);
        orderBy = Trees.identifiers(clause.orderByClause().identifierList());
      } else {
        once(seen, "PROPERTIES", clause);
        properties = PropertyLists.of(clause.propertiesClause());
      }
    }
    return new CreateTable(
        Trees.qualifiedName(context.qualifiedName()),
        context.EXISTS() != null,
        columns,
        engine,
        keys,
        comment,
        partitioning,
        distribution,
        orderBy,
        properties,
        vertical,
        position);
  }

  private ColumnDefinition column(ColumnDefinitionContext context) {
    String name = Trees.identifier(context.identifier());
    Optional<AggregateType> aggregate = Optional.empty();
    Nullability nullability = Nullability.UNSPECIFIED;
    Optional<Expression> defaultValue = Optional.empty();
    boolean autoIncrement = false;
    Optional<String> comment = Optional.empty();
    Map<String, ParserRuleContext> seen = new HashMap<>();
    for (ColumnOptionContext option : context.columnOption()) {
      if (option instanceof AggregateOptionContext aggregateOption) {
        onceInColumn(seen, name, "aggregate type", option);
        aggregate =
            Optional.of(
                AggregateType.valueOf(
                    aggregateOption.aggregate.getText().toUpperCase(Locale.ROOT)));
      } else if (option instanceof NullabilityOptionContext nullabilityOption) {
        onceInColumn(seen, name, "NULL / NOT NULL", option);
        nullability = nullabilityOption.NOT() != null ? Nullability.NOT_NULL : Nullability.NULL;
      } else if (option instanceof DefaultOptionContext defaultOption) {
        onceInColumn(seen, name, "DEFAULT", option);
        defaultValue = Optional.of(defaultValue(defaultOption.defaultValue()));
      } else if (option instanceof AutoIncrementOptionContext) {
        onceInColumn(seen, name, "AUTO_INCREMENT", option);
        autoIncrement = true;
      } else {
        onceInColumn(seen, name, "COMMENT", option);
        comment = Optional.of(Trees.string(((CommentOptionContext) option).string()));
      }
    }
    return new ColumnDefinition(
        name,
        DataTypes.dataType(context.dataType()),
        aggregate,
        nullability,
        defaultValue,
        autoIncrement,
        comment,
        position(context));
  }

  private static Expression defaultValue(DefaultValueContext context) {
    Position position = position(context);
    if (context.MINUS() != null) {
      return ExpressionBuilder.number(context.number(), true, position);
    }
    if (context.literal() != null) {
      return ExpressionBuilder.literal(context.literal());
    }
    return FunctionCall.of(
        context.getStart().getText().toLowerCase(Locale.ROOT), List.of(), position);
  }

  private static KeysDescription keys(KeysClauseContext context) {
    KeysDescription.Type type;
    switch (context.keysType.getType()) {
      case SluiceSqlParser.DUPLICATE:
        type = KeysDescription.Type.DUPLICATE;
        break;
      case SluiceSqlParser.PRIMARY:
        type = KeysDescription.Type.PRIMARY;
        break;
      case SluiceSqlParser.UNIQUE:
        type = KeysDescription.Type.UNIQUE;
        break;
      default:
        type = KeysDescription.Type.AGGREGATE;
        break;
    }
    return new KeysDescription(
        type, Trees.identifiers(context.identifierList()), position(context));
  }

  private Partitioning partitioning(PartitionClauseContext context) {
    if (context.partitionSpec() instanceof RangeOrListPartitioningContext rangeOrList) {
      throw error(
          rangeOrList,
          "PARTITION BY "
              + rangeOrList.kind.getText().toUpperCase(Locale.ROOT)
              + " is not supported: partition by columns or an expression instead, e.g."
              + " PARTITION BY dt or PARTITION BY date_trunc('day', event_time)");
    }
    List<Expression> partitionBy = new ArrayList<>();
    for (ExpressionContext expression :
        ((ExpressionPartitioningContext) context.partitionSpec()).expression()) {
      Expression built = expressions.build(expression);
      if (!(built instanceof ColumnRef) && !(built instanceof FunctionCall)) {
        throw error(built.position(), "a partition expression must be a column or a function call");
      }
      partitionBy.add(built);
    }
    return new Partitioning(partitionBy, position(context));
  }

  private static Distribution distribution(DistributionClauseContext context) {
    OptionalInt buckets =
        context.buckets == null
            ? OptionalInt.empty()
            : OptionalInt.of(Trees.intValue(context.buckets, "BUCKETS"));
    if (buckets.isPresent() && buckets.getAsInt() < 1) {
      throw error(context.buckets, "BUCKETS must be at least 1");
    }
    if (context.HASH() != null) {
      return new Distribution(
          Distribution.Type.HASH,
          Trees.identifiers(context.identifierList()),
          buckets,
          position(context));
    }
    return new Distribution(Distribution.Type.RANDOM, List.of(), buckets, position(context));
  }

  private static void once(Map<String, ParserRuleContext> seen, String what, ParserRuleContext at) {
    if (seen.putIfAbsent(what, at) != null) {
      throw error(at, "duplicate " + what + " clause");
    }
  }

  private static void onceInColumn(
      Map<String, ParserRuleContext> seen, String column, String what, ParserRuleContext at) {
    if (seen.putIfAbsent(what, at) != null) {
      throw error(at, "duplicate " + what + " in the definition of column '" + column + "'");
    }
  }
}
