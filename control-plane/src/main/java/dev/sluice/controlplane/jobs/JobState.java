package dev.sluice.controlplane.jobs;

/**
 * Routine Load job states. PAUSED can be resumed and altered; STOPPED and CANCELLED are final.
 * NEED_SCHEDULE is the short state between creation or RESUME and the first task plan.
 */
public enum JobState {
  NEED_SCHEDULE,
  RUNNING,
  PAUSED,
  STOPPED,
  CANCELLED;

  public boolean isFinal() {
    return switch (this) {
      case STOPPED, CANCELLED -> true;
      case NEED_SCHEDULE, RUNNING, PAUSED -> false;
    };
  }
}
