package dev.sluice.controlplane.sql;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.catalog.CatalogService;
import dev.sluice.controlplane.catalog.FileService;
import dev.sluice.controlplane.catalog.StorageVolume;
import dev.sluice.controlplane.catalog.StorageVolumeService;
import dev.sluice.controlplane.catalog.TableDefinition;
import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.controlplane.jobs.JobAlteration;
import dev.sluice.controlplane.jobs.JobDefinition;
import dev.sluice.controlplane.jobs.JobService;
import dev.sluice.controlplane.jobs.LoadSpec;
import dev.sluice.controlplane.jobs.RoutineLoadView;
import dev.sluice.controlplane.query.QueryService;
import dev.sluice.controlplane.store.Json;
import dev.sluice.sql.tree.AlterRoutineLoad;
import dev.sluice.sql.tree.CreateDatabase;
import dev.sluice.sql.tree.CreateFile;
import dev.sluice.sql.tree.CreateRoutineLoad;
import dev.sluice.sql.tree.CreateStorageVolume;
import dev.sluice.sql.tree.CreateTable;
import dev.sluice.sql.tree.DescribeStorageVolume;
import dev.sluice.sql.tree.DescribeTable;
import dev.sluice.sql.tree.DropDatabase;
import dev.sluice.sql.tree.DropFile;
import dev.sluice.sql.tree.DropStorageVolume;
import dev.sluice.sql.tree.DropTable;
import dev.sluice.sql.tree.PauseRoutineLoad;
import dev.sluice.sql.tree.QualifiedName;
import dev.sluice.sql.tree.ResumeRoutineLoad;
import dev.sluice.sql.tree.Select;
import dev.sluice.sql.tree.SetDefaultStorageVolume;
import dev.sluice.sql.tree.ShowDatabases;
import dev.sluice.sql.tree.ShowFiles;
import dev.sluice.sql.tree.ShowRoutineLoad;
import dev.sluice.sql.tree.ShowRoutineLoadTask;
import dev.sluice.sql.tree.ShowStorageVolumes;
import dev.sluice.sql.tree.ShowTables;
import dev.sluice.sql.tree.Statement;
import dev.sluice.sql.tree.StatementVisitor;
import dev.sluice.sql.tree.StopRoutineLoad;
import dev.sluice.sql.tree.UseDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Executes parsed statements for one session. The session's only state is its current database
 * (USE), which the caller keeps; everything else lives in PostgreSQL.
 */
public final class StatementExecutor {
  private final CatalogService catalog;
  private final StorageVolumeService volumes;
  private final JobService jobs;
  private final RoutineLoadView view;
  private final QueryService queries;
  private final FileService files;

  public StatementExecutor(
      CatalogService catalog,
      StorageVolumeService volumes,
      JobService jobs,
      RoutineLoadView view,
      QueryService queries,
      FileService files) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.volumes = requireNonNull(volumes, "volumes is null");
    this.jobs = requireNonNull(jobs, "jobs is null");
    this.view = requireNonNull(view, "view is null");
    this.queries = requireNonNull(queries, "queries is null");
    this.files = requireNonNull(files, "files is null");
  }

  /** The result of one statement and the session's current database afterwards. */
  public record Outcome(ResultTable result, Optional<String> database) {}

  public Outcome execute(Statement statement, String sql, Optional<String> database) {
    Session session = new Session(sql, database);
    ResultTable result = statement.accept(session);
    return new Outcome(result, session.database);
  }

  private final class Session implements StatementVisitor<ResultTable> {
    private final String sql;
    private Optional<String> database;

    Session(String sql, Optional<String> database) {
      this.sql = sql;
      this.database = database;
    }

    private String currentDatabase() {
      return database.orElseThrow(
          () ->
              new SluiceException(
                  ErrorCode.NO_DATABASE_SELECTED,
                  "No database selected: run USE <database> or qualify the name as db.name"));
    }

    private String databaseOf(QualifiedName name) {
      return name.database().orElseGet(this::currentDatabase);
    }

    @Override
    public ResultTable visitCreateDatabase(CreateDatabase statement) {
      catalog.createDatabase(statement.name(), statement.ifNotExists());
      return ResultTable.ok();
    }

    @Override
    public ResultTable visitDropDatabase(DropDatabase statement) {
      catalog.dropDatabase(statement.name(), statement.ifExists());
      if (database.equals(Optional.of(statement.name()))) {
        database = Optional.empty();
      }
      return ResultTable.ok();
    }

    @Override
    public ResultTable visitUseDatabase(UseDatabase statement) {
      catalog.requireDatabase(statement.name());
      database = Optional.of(statement.name());
      return new ResultTable(List.of(), List.of(), "Database changed");
    }

    @Override
    public ResultTable visitShowDatabases(ShowDatabases statement) {
      return singleColumn("Database", catalog.listDatabases());
    }

    @Override
    public ResultTable visitShowTables(ShowTables statement) {
      String db = statement.database().orElseGet(this::currentDatabase);
      return singleColumn("Tables_in_" + db, catalog.listTables(db));
    }

    @Override
    public ResultTable visitDescribeTable(DescribeTable statement) {
      TableDefinition table =
          catalog.requireTable(databaseOf(statement.table()), statement.table().name());
      List<List<String>> rows = new ArrayList<>();
      for (TableDefinition.Column column : table.columns()) {
        rows.add(
            Arrays.asList(
                column.name(),
                column.type(),
                column.nullable() ? "YES" : "NO",
                column.key() ? "true" : "false",
                column.defaultValue().orElse(null),
                column.aggregation().orElse("")));
      }
      return ResultTable.of(List.of("Field", "Type", "Null", "Key", "Default", "Extra"), rows);
    }

    @Override
    public ResultTable visitDropTable(DropTable statement) {
      catalog.dropTable(
          databaseOf(statement.table()), statement.table().name(), statement.ifExists());
      return ResultTable.ok();
    }

    @Override
    public ResultTable visitCreateTable(CreateTable statement) {
      String db = databaseOf(statement.table());
      catalog.createTable(TableDefinitions.fromAst(statement, db, sql), statement.ifNotExists());
      return ResultTable.ok();
    }

    @Override
    public ResultTable visitCreateRoutineLoad(CreateRoutineLoad statement) {
      jobs.create(
          new JobDefinition(
              databaseOf(statement.job()),
              statement.job().name(),
              statement.table(),
              LoadSpecs.fromAst(statement.loadProperties()),
              statement.jobProperties().asMap(),
              statement.dataSourceProperties().asMap(),
              sql));
      return ResultTable.ok();
    }

    @Override
    public ResultTable visitAlterRoutineLoad(AlterRoutineLoad statement) {
      Optional<LoadSpec> loadSpec =
          statement.loadProperties().isEmpty()
              ? Optional.empty()
              : Optional.of(LoadSpecs.fromAst(statement.loadProperties()));
      jobs.alter(
          new JobAlteration(
              databaseOf(statement.job()),
              statement.job().name(),
              loadSpec,
              statement.jobProperties().asMap(),
              statement.dataSourceProperties().asMap()));
      return ResultTable.ok();
    }

    @Override
    public ResultTable visitPauseRoutineLoad(PauseRoutineLoad statement) {
      jobs.pause(databaseOf(statement.job()), statement.job().name());
      return ResultTable.ok();
    }

    @Override
    public ResultTable visitResumeRoutineLoad(ResumeRoutineLoad statement) {
      jobs.resume(databaseOf(statement.job()), statement.job().name());
      return ResultTable.ok();
    }

    @Override
    public ResultTable visitStopRoutineLoad(StopRoutineLoad statement) {
      jobs.stop(databaseOf(statement.job()), statement.job().name());
      return ResultTable.ok();
    }

    @Override
    public ResultTable visitShowRoutineLoad(ShowRoutineLoad statement) {
      String db =
          statement
              .job()
              .flatMap(QualifiedName::database)
              .or(statement::database)
              .orElseGet(this::currentDatabase);
      return view.showJobs(
          jobs.list(db, statement.job().map(QualifiedName::name), statement.includeHistory()));
    }

    @Override
    public ResultTable visitShowRoutineLoadTask(ShowRoutineLoadTask statement) {
      String db = statement.database().orElseGet(this::currentDatabase);
      return view.showTasks(jobs.require(db, statement.jobName()));
    }

    @Override
    public ResultTable visitCreateStorageVolume(CreateStorageVolume statement) {
      volumes.create(
          new StorageVolume(
              statement.name(),
              statement.type(),
              statement.locations(),
              statement.comment().orElse(""),
              statement.properties().asMap(),
              false,
              true),
          statement.ifNotExists());
      return ResultTable.ok();
    }

    @Override
    public ResultTable visitShowStorageVolumes(ShowStorageVolumes statement) {
      return singleColumn(
          "Storage Volume", volumes.list().stream().map(StorageVolume::name).toList());
    }

    @Override
    public ResultTable visitDescribeStorageVolume(DescribeStorageVolume statement) {
      StorageVolume volume = volumes.require(statement.name());
      return ResultTable.of(
          List.of("Name", "Type", "IsDefault", "Location", "Params", "Enabled", "Comment"),
          List.of(
              List.of(
                  volume.name(),
                  volume.type(),
                  Boolean.toString(volume.isDefault()),
                  String.join(", ", volume.locations()),
                  Json.write(volume.maskedProperties()),
                  Boolean.toString(volume.enabled()),
                  volume.comment())));
    }

    @Override
    public ResultTable visitSetDefaultStorageVolume(SetDefaultStorageVolume statement) {
      volumes.setDefault(statement.name());
      return ResultTable.ok();
    }

    @Override
    public ResultTable visitDropStorageVolume(DropStorageVolume statement) {
      volumes.drop(statement.name(), statement.ifExists());
      return ResultTable.ok();
    }

    @Override
    public ResultTable visitCreateFile(CreateFile statement) {
      files.create(
          statement.database().orElseGet(this::currentDatabase),
          statement.name(),
          statement.properties().asMap());
      return ResultTable.ok();
    }

    @Override
    public ResultTable visitShowFiles(ShowFiles statement) {
      return files.list(statement.database().orElseGet(this::currentDatabase));
    }

    @Override
    public ResultTable visitDropFile(DropFile statement) {
      files.drop(statement.database().orElseGet(this::currentDatabase), statement.name());
      return ResultTable.ok();
    }

    @Override
    public ResultTable visitSelect(Select statement) {
      return queries.select(statement, databaseOf(statement.from().table()));
    }
  }

  private static ResultTable singleColumn(String column, List<String> values) {
    List<List<String>> rows = new ArrayList<>();
    for (String value : values) {
      rows.add(List.of(value));
    }
    return ResultTable.of(List.of(column), rows);
  }
}
