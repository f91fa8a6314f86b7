package dev.sluice.sql.tree;

/**
 * A parsed statement.
 *
 * <p>{@link #vertical()} records whether the statement ended with {@code \G} (mysql's "display the
 * result vertically") instead of {@code ;}; {@code \G;} counts as {@code \G}. A lower-case {@code
 * \g} is mysql's synonym for {@code ;} and is not vertical.
 */
public sealed interface Statement extends Node
    permits CreateDatabase,
        DropDatabase,
        UseDatabase,
        ShowDatabases,
        ShowTables,
        DescribeTable,
        DropTable,
        CreateTable,
        CreateRoutineLoad,
        AlterRoutineLoad,
        PauseRoutineLoad,
        ResumeRoutineLoad,
        StopRoutineLoad,
        ShowRoutineLoad,
        ShowRoutineLoadTask,
        CreateStorageVolume,
        ShowStorageVolumes,
        DescribeStorageVolume,
        SetDefaultStorageVolume,
        DropStorageVolume,
        CreateFile,
        ShowFiles,
        DropFile,
        Select {

  boolean vertical();

  <R> R accept(StatementVisitor<R> visitor);
}
