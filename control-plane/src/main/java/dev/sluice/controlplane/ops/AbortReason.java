package dev.sluice.controlplane.ops;

/**
 * Why a worker gave a task back, as a bounded label: the worker's reason text is free-form (it
 * carries error messages), which would make one time series per message.
 */
public enum AbortReason {
  OFFSET_OUT_OF_RANGE,
  WORKER_SHUTDOWN,
  UNUSABLE_SETTINGS,
  WORKER_ERROR,
  OTHER;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Classifies an AbortRequest by the reasons the worker sends (see LeaseRunner). */
  public static AbortReason classify(
      boolean offsetOutOfRange, boolean deterministic, String reason) {
    if (offsetOutOfRange) {
      return OFFSET_OUT_OF_RANGE;
    }
    if (deterministic) {
      return UNUSABLE_SETTINGS;
    }
    if (reason.startsWith("worker shutting down")) {
      return WORKER_SHUTDOWN;
    }
    if (reason.startsWith("worker error")) {
      return WORKER_ERROR;
    }
    return OTHER;
  }
}
