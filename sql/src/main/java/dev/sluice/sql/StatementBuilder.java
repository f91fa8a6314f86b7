package dev.sluice.sql;

import static dev.sluice.sql.Trees.error;
import static dev.sluice.sql.Trees.position;

import dev.sluice.sql.parser.SluiceSqlParser.AlterRoutineLoadStatementContext;
import dev.sluice.sql.parser.SluiceSqlParser.CreateDatabaseContext;
import dev.sluice.sql.parser.SluiceSqlParser.CreateFileContext;
import dev.sluice.sql.parser.SluiceSqlParser.CreateRoutineLoadContext;
import dev.sluice.sql.parser.SluiceSqlParser.CreateStatementContext;
import dev.sluice.sql.parser.SluiceSqlParser.CreateStorageVolumeContext;
import dev.sluice.sql.parser.SluiceSqlParser.CreateTableContext;
import dev.sluice.sql.parser.SluiceSqlParser.CreateTargetContext;
import dev.sluice.sql.parser.SluiceSqlParser.DescribeStatementContext;
import dev.sluice.sql.parser.SluiceSqlParser.DescribeStorageVolumeContext;
import dev.sluice.sql.parser.SluiceSqlParser.DescribeTableContext;
import dev.sluice.sql.parser.SluiceSqlParser.DropDatabaseContext;
import dev.sluice.sql.parser.SluiceSqlParser.DropFileContext;
import dev.sluice.sql.parser.SluiceSqlParser.DropStatementContext;
import dev.sluice.sql.parser.SluiceSqlParser.DropStorageVolumeContext;
import dev.sluice.sql.parser.SluiceSqlParser.DropTableContext;
import dev.sluice.sql.parser.SluiceSqlParser.DropTargetContext;
import dev.sluice.sql.parser.SluiceSqlParser.ExpressionContext;
import dev.sluice.sql.parser.SluiceSqlParser.IdentifierContext;
import dev.sluice.sql.parser.SluiceSqlParser.LimitClauseContext;
import dev.sluice.sql.parser.SluiceSqlParser.PauseRoutineLoadStatementContext;
import dev.sluice.sql.parser.SluiceSqlParser.QueryStatementContext;
import dev.sluice.sql.parser.SluiceSqlParser.ResumeRoutineLoadStatementContext;
import dev.sluice.sql.parser.SluiceSqlParser.RoutineLoadJobFilterContext;
import dev.sluice.sql.parser.SluiceSqlParser.RoutineLoadTaskFilterContext;
import dev.sluice.sql.parser.SluiceSqlParser.ScriptContext;
import dev.sluice.sql.parser.SluiceSqlParser.SelectAllContext;
import dev.sluice.sql.parser.SluiceSqlParser.SelectItemContext;
import dev.sluice.sql.parser.SluiceSqlParser.SelectSingleContext;
import dev.sluice.sql.parser.SluiceSqlParser.SetDefaultStorageVolumeStatementContext;
import dev.sluice.sql.parser.SluiceSqlParser.ShowDatabasesContext;
import dev.sluice.sql.parser.SluiceSqlParser.ShowFilesContext;
import dev.sluice.sql.parser.SluiceSqlParser.ShowRoutineLoadContext;
import dev.sluice.sql.parser.SluiceSqlParser.ShowStatementContext;
import dev.sluice.sql.parser.SluiceSqlParser.ShowStorageVolumesContext;
import dev.sluice.sql.parser.SluiceSqlParser.ShowTablesContext;
import dev.sluice.sql.parser.SluiceSqlParser.ShowTargetContext;
import dev.sluice.sql.parser.SluiceSqlParser.SortItemContext;
import dev.sluice.sql.parser.SluiceSqlParser.StatementContext;
import dev.sluice.sql.parser.SluiceSqlParser.StatementEndContext;
import dev.sluice.sql.parser.SluiceSqlParser.StopRoutineLoadStatementContext;
import dev.sluice.sql.parser.SluiceSqlParser.StringContext;
import dev.sluice.sql.parser.SluiceSqlParser.TableReferenceContext;
import dev.sluice.sql.parser.SluiceSqlParser.UseStatementContext;
import dev.sluice.sql.tree.AllColumns;
import dev.sluice.sql.tree.AlterRoutineLoad;
import dev.sluice.sql.tree.ColumnRef;
import dev.sluice.sql.tree.Comparison;
import dev.sluice.sql.tree.CreateDatabase;
import dev.sluice.sql.tree.CreateFile;
import dev.sluice.sql.tree.CreateRoutineLoad;
import dev.sluice.sql.tree.CreateStorageVolume;
import dev.sluice.sql.tree.DescribeStorageVolume;
import dev.sluice.sql.tree.DescribeTable;
import dev.sluice.sql.tree.DropDatabase;
import dev.sluice.sql.tree.DropFile;
import dev.sluice.sql.tree.DropStorageVolume;
import dev.sluice.sql.tree.DropTable;
import dev.sluice.sql.tree.Expression;
import dev.sluice.sql.tree.Limit;
import dev.sluice.sql.tree.PauseRoutineLoad;
import dev.sluice.sql.tree.Position;
import dev.sluice.sql.tree.PropertyList;
import dev.sluice.sql.tree.ResumeRoutineLoad;
import dev.sluice.sql.tree.Select;
import dev.sluice.sql.tree.SelectItem;
import dev.sluice.sql.tree.SetDefaultStorageVolume;
import dev.sluice.sql.tree.ShowDatabases;
import dev.sluice.sql.tree.ShowFiles;
import dev.sluice.sql.tree.ShowRoutineLoad;
import dev.sluice.sql.tree.ShowRoutineLoadTask;
import dev.sluice.sql.tree.ShowStorageVolumes;
import dev.sluice.sql.tree.ShowTables;
import dev.sluice.sql.tree.SingleColumn;
import dev.sluice.sql.tree.SortItem;
import dev.sluice.sql.tree.Statement;
import dev.sluice.sql.tree.StopRoutineLoad;
import dev.sluice.sql.tree.StringLiteral;
import dev.sluice.sql.tree.TableReference;
import dev.sluice.sql.tree.UseDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.antlr.v4.runtime.tree.ParseTree;

/** Builds {@link Statement}s from a parsed script; one instance per parse. */
final class StatementBuilder {

  private final ExpressionBuilder expressions = new ExpressionBuilder();
  private final LoadClauses loadClauses = new LoadClauses(expressions);
  private final CreateTableBuilder tables = new CreateTableBuilder(expressions);

  ExpressionBuilder expressions() {
    return expressions;
  }

  LoadClauses loadClauses() {
    return loadClauses;
  }

  List<Statement> script(ScriptContext context) {
    List<Statement> statements = new ArrayList<>();
    List<ParseTree> children = context.children;
    for (int i = 0; i < children.size(); i++) {
      if (children.get(i) instanceof StatementContext statement) {
        boolean vertical =
            i + 1 < children.size()
                && children.get(i + 1) instanceof StatementEndContext end
                && end.VERTICAL() != null
                // \g is mysql's plain terminator; only the capital G asks for vertical output.
                && end.VERTICAL().getText().equals("\\G");
        statements.add(statement(statement, vertical));
      }
    }
    return statements;
  }

  private Statement statement(StatementContext context, boolean vertical) {
    ParseTree statement = context.getChild(0);
    Position position = position(context);
    if (statement instanceof CreateStatementContext create) {
      return create(create.createTarget(), vertical, position);
    }
    if (statement instanceof DropStatementContext drop) {
      return drop(drop.dropTarget(), vertical, position);
    }
    if (statement instanceof ShowStatementContext show) {
      return show(show.showTarget(), vertical, position);
    }
    if (statement instanceof DescribeStatementContext describe) {
      if (describe.describeTarget() instanceof DescribeStorageVolumeContext volume) {
        return new DescribeStorageVolume(name(volume.identifier()), vertical, position);
      }
      return new DescribeTable(
          Trees.qualifiedName(((DescribeTableContext) describe.describeTarget()).qualifiedName()),
          vertical,
          position);
    }
    if (statement instanceof UseStatementContext use) {
      return new UseDatabase(name(use.identifier()), vertical, position);
    }
    if (statement instanceof AlterRoutineLoadStatementContext alter) {
      return alterRoutineLoad(alter, vertical, position);
    }
    if (statement instanceof PauseRoutineLoadStatementContext pause) {
      return new PauseRoutineLoad(Trees.qualifiedName(pause.qualifiedName()), vertical, position);
    }
    if (statement instanceof ResumeRoutineLoadStatementContext resume) {
      return new ResumeRoutineLoad(Trees.qualifiedName(resume.qualifiedName()), vertical, position);
    }
    if (statement instanceof StopRoutineLoadStatementContext stop) {
      return new StopRoutineLoad(Trees.qualifiedName(stop.qualifiedName()), vertical, position);
    }
    if (statement instanceof SetDefaultStorageVolumeStatementContext set) {
      return new SetDefaultStorageVolume(name(set.identifier()), vertical, position);
    }
    return select((QueryStatementContext) statement, vertical, position);
  }

  private Statement create(CreateTargetContext target, boolean vertical, Position position) {
    if (target instanceof CreateDatabaseContext database) {
      return new CreateDatabase(
          name(database.identifier()), database.EXISTS() != null, vertical, position);
    }
    if (target instanceof CreateTableContext table) {
      return tables.build(table, vertical, position);
    }
    if (target instanceof CreateRoutineLoadContext load) {
      requireKafka(load.source);
      return new CreateRoutineLoad(
          Trees.qualifiedName(load.job),
          name(load.table),
          loadClauses.loadProperties(load.loadProperty()),
          PropertyLists.of(load.propertiesClause()),
          PropertyLists.of(load.propertyList()),
          vertical,
          position);
    }
    if (target instanceof CreateFileContext file) {
      return new CreateFile(
          Trees.string(file.name),
          optionalName(file.database),
          PropertyLists.of(file.propertiesClause()),
          vertical,
          position);
    }
    return createStorageVolume((CreateStorageVolumeContext) target, vertical, position);
  }

  private Statement createStorageVolume(
      CreateStorageVolumeContext context, boolean vertical, Position position) {
    String type = name(context.type).toUpperCase(Locale.ROOT);
    if (!type.equals("S3")) {
      throw error(
          context.type, "unsupported storage volume type '" + type + "': only S3 is supported");
    }
    List<String> locations = new ArrayList<>();
    for (StringContext location : context.locations) {
      locations.add(Trees.string(location));
    }
    return new CreateStorageVolume(
        name(context.name),
        context.EXISTS() != null,
        type,
        locations,
        Optional.ofNullable(context.comment).map(Trees::string),
        PropertyLists.of(context.propertiesClause()),
        vertical,
        position);
  }

  private Statement alterRoutineLoad(
      AlterRoutineLoadStatementContext context, boolean vertical, Position position) {
    if (context.source != null) {
      requireKafka(context.source);
    }
    return new AlterRoutineLoad(
        Trees.qualifiedName(context.job),
        loadClauses.loadProperties(context.loadProperty()),
        PropertyLists.of(context.propertiesClause()),
        context.propertyList() == null
            ? PropertyList.EMPTY
            : PropertyLists.of(context.propertyList()),
        vertical,
        position);
  }

  private static void requireKafka(IdentifierContext source) {
    String name = name(source);
    if (!name.equalsIgnoreCase("KAFKA")) {
      throw error(source, "unsupported data source '" + name + "': only KAFKA is supported");
    }
  }

  private static Statement drop(DropTargetContext target, boolean vertical, Position position) {
    if (target instanceof DropDatabaseContext database) {
      return new DropDatabase(
          name(database.identifier()), database.EXISTS() != null, vertical, position);
    }
    if (target instanceof DropTableContext table) {
      return new DropTable(
          Trees.qualifiedName(table.qualifiedName()), table.EXISTS() != null, vertical, position);
    }
    if (target instanceof DropFileContext file) {
      return new DropFile(
          Trees.string(file.name),
          optionalName(file.database),
          PropertyLists.of(file.propertiesClause()),
          vertical,
          position);
    }
    DropStorageVolumeContext volume = (DropStorageVolumeContext) target;
    return new DropStorageVolume(
        name(volume.identifier()), volume.EXISTS() != null, vertical, position);
  }

  private Statement show(ShowTargetContext target, boolean vertical, Position position) {
    if (target instanceof ShowDatabasesContext) {
      return new ShowDatabases(vertical, position);
    }
    if (target instanceof ShowTablesContext tables) {
      return new ShowTables(optionalName(tables.identifier()), vertical, position);
    }
    if (target instanceof ShowStorageVolumesContext) {
      return new ShowStorageVolumes(vertical, position);
    }
    if (target instanceof ShowFilesContext files) {
      return new ShowFiles(optionalName(files.identifier()), vertical, position);
    }
    ShowRoutineLoadContext routineLoad = (ShowRoutineLoadContext) target;
    if (routineLoad.TASK() != null) {
      if (routineLoad.ALL() != null) {
        throw error(
            routineLoad.ALL().getSymbol(),
            "SHOW ALL ROUTINE LOAD TASK is not supported: use SHOW ROUTINE LOAD TASK");
      }
      RoutineLoadTaskFilterContext filter = routineLoad.routineLoadTaskFilter();
      return new ShowRoutineLoadTask(
          optionalName(filter.identifier()),
          taskJobName(expressions.build(filter.expression())),
          vertical,
          position);
    }
    RoutineLoadJobFilterContext filter = routineLoad.routineLoadJobFilter();
    return new ShowRoutineLoad(
        routineLoad.ALL() != null,
        Optional.ofNullable(filter.qualifiedName()).map(Trees::qualifiedName),
        optionalName(filter.identifier()),
        vertical,
        position);
  }

  /** StarRocks accepts exactly {@code JobName = "name"} here, and so do we. */
  private static String taskJobName(Expression where) {
    if (where instanceof Comparison comparison
        && comparison.operator() == Comparison.Operator.EQUAL) {
      if (isJobName(comparison.left()) && comparison.right() instanceof StringLiteral name) {
        return name.value();
      }
      if (isJobName(comparison.right()) && comparison.left() instanceof StringLiteral name) {
        return name.value();
      }
    }
    throw error(
        where.position(), "SHOW ROUTINE LOAD TASK supports only WHERE JobName = \"<job name>\"");
  }

  private static boolean isJobName(Expression expression) {
    return expression instanceof ColumnRef column
        && column.qualifier().isEmpty()
        && column.name().equalsIgnoreCase("JobName");
  }

  private Statement select(QueryStatementContext context, boolean vertical, Position position) {
    List<SelectItem> items = new ArrayList<>();
    for (SelectItemContext item : context.selectItem()) {
      items.add(selectItem(item));
    }
    List<Expression> groupBy = new ArrayList<>();
    for (ExpressionContext expression : context.groupBy) {
      groupBy.add(expressions.build(expression));
    }
    List<SortItem> orderBy = new ArrayList<>();
    for (SortItemContext item : context.sortItem()) {
      orderBy.add(
          new SortItem(expressions.build(item.expression()), item.DESC() == null, position(item)));
    }
    return new Select(
        context.DISTINCT() != null,
        items,
        tableReference(context.tableReference()),
        optionalExpression(context.where),
        groupBy,
        optionalExpression(context.having),
        orderBy,
        Optional.ofNullable(context.limitClause()).map(StatementBuilder::limit),
        vertical,
        position);
  }

  private SelectItem selectItem(SelectItemContext context) {
    if (context instanceof SelectAllContext all) {
      return new AllColumns(
          Optional.ofNullable(all.qualifiedName())
              .map(name -> String.join(".", Trees.nameParts(name))),
          position(context));
    }
    SelectSingleContext single = (SelectSingleContext) context;
    Optional<String> alias =
        single.identifier() != null
            ? Optional.of(name(single.identifier()))
            : Optional.ofNullable(single.string()).map(Trees::string);
    return new SingleColumn(expressions.build(single.expression()), alias, position(context));
  }

  private static TableReference tableReference(TableReferenceContext context) {
    return new TableReference(
        Trees.qualifiedName(context.qualifiedName()),
        optionalName(context.identifier()),
        position(context));
  }

  private static Limit limit(LimitClauseContext context) {
    long count = Trees.longValue(context.limit, "LIMIT");
    long offset = context.offset == null ? 0 : Trees.longValue(context.offset, "OFFSET");
    return new Limit(count, offset, position(context));
  }

  private Optional<Expression> optionalExpression(ExpressionContext context) {
    return context == null ? Optional.empty() : Optional.of(expressions.build(context));
  }

  private static String name(IdentifierContext context) {
    return Trees.identifier(context);
  }

  private static Optional<String> optionalName(IdentifierContext context) {
    return context == null ? Optional.empty() : Optional.of(name(context));
  }
}
