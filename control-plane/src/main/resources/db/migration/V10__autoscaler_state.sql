-- The worker autoscaler's state: one row shared by every control-plane replica, so they all
-- report the same desired worker count and advance the policy's timers once per interval.
CREATE TABLE autoscaler_state (
    id               INT         PRIMARY KEY CHECK (id = 1),
    desired_workers  INT         NOT NULL,
    behind_since     TIMESTAMPTZ,
    quiet_since      TIMESTAMPTZ,
    last_scale_out   TIMESTAMPTZ,
    last_change      TIMESTAMPTZ,
    evaluated_at     TIMESTAMPTZ NOT NULL
);
