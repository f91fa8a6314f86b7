-- This installation's id, created once and never changed. Every object key Sluice writes from now
-- on carries it (<volume prefix>/<cluster id>/tables/<table id>/...), and the orphan collector lists
-- only under it, so two installations on one bucket and prefix, or a catalog recreated from
-- scratch, never delete each other's files (decision 0045).
CREATE TABLE cluster_identity (
    singleton  BOOLEAN     PRIMARY KEY DEFAULT true CHECK (singleton),
    cluster_id UUID        NOT NULL DEFAULT gen_random_uuid(),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO cluster_identity DEFAULT VALUES;
