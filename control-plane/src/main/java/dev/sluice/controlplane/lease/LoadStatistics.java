package dev.sluice.controlplane.lease;

/** What one attempt read and loaded; added to the job's Statistic on commit. */
public record LoadStatistics(
    long receivedBytes,
    long totalRows,
    long loadedRows,
    long errorRows,
    long unselectedRows,
    long taskExecuteTimeMs) {
  public LoadStatistics {
    if (receivedBytes < 0
        || totalRows < 0
        || loadedRows < 0
        || errorRows < 0
        || unselectedRows < 0
        || taskExecuteTimeMs < 0) {
      throw new IllegalArgumentException("statistics must not be negative");
    }
    if (loadedRows + errorRows + unselectedRows != totalRows) {
      throw new IllegalArgumentException(
          "loaded ("
              + loadedRows
              + ") + error ("
              + errorRows
              + ") + unselected ("
              + unselectedRows
              + ") rows must equal total rows ("
              + totalRows
              + ")");
    }
  }
}
