package dev.sluice.sql.tree;

/**
 * Exhaustive dispatch over {@link Statement}s; adding a statement type breaks every visitor at
 * compile time, which is the point.
 */
public interface StatementVisitor<R> {
  R visitCreateDatabase(CreateDatabase statement);

  R visitDropDatabase(DropDatabase statement);

  R visitUseDatabase(UseDatabase statement);

  R visitShowDatabases(ShowDatabases statement);

  R visitShowTables(ShowTables statement);

  R visitDescribeTable(DescribeTable statement);

  R visitDropTable(DropTable statement);

  R visitCreateTable(CreateTable statement);

  R visitCreateRoutineLoad(CreateRoutineLoad statement);

  R visitAlterRoutineLoad(AlterRoutineLoad statement);

  R visitPauseRoutineLoad(PauseRoutineLoad statement);

  R visitResumeRoutineLoad(ResumeRoutineLoad statement);

  R visitStopRoutineLoad(StopRoutineLoad statement);

  R visitShowRoutineLoad(ShowRoutineLoad statement);

  R visitShowRoutineLoadTask(ShowRoutineLoadTask statement);

  R visitCreateStorageVolume(CreateStorageVolume statement);

  R visitShowStorageVolumes(ShowStorageVolumes statement);

  R visitDescribeStorageVolume(DescribeStorageVolume statement);

  R visitSetDefaultStorageVolume(SetDefaultStorageVolume statement);

  R visitDropStorageVolume(DropStorageVolume statement);

  R visitCreateFile(CreateFile statement);

  R visitShowFiles(ShowFiles statement);

  R visitDropFile(DropFile statement);

  R visitSelect(Select statement);
}
