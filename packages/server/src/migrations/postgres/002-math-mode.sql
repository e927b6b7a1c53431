-- PostgreSQL dialect of ../002-math-mode.sql (Kuulo schema v2, issue #7): per-conversation math settings and bootstrap uncertainty.

-- 'polis' reproduces Polis (history-dependent groups); 'stable' makes groups a function of the votes and seed.
ALTER TABLE conversations ADD COLUMN math_mode TEXT NOT NULL DEFAULT 'polis' CHECK (math_mode IN ('polis', 'stable'));
-- Core's `bridging` option: 'auto' computes bridging scores in stable mode only.
ALTER TABLE conversations ADD COLUMN bridging TEXT NOT NULL DEFAULT 'auto' CHECK (bridging IN ('auto', 'on', 'off'));

-- The latest finished bootstrap job per conversation, and the last uncertainty it stored.
-- The uncertainty belongs to math tick `tick`; it is served only while that tick is current.
-- conversation_id is a rowid alias in SQLite but always given by the code: a plain key here, no identity.
CREATE TABLE uncertainty_results (
  conversation_id BIGINT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  tick            BIGINT,
  uncertainty     TEXT,
  version         BIGINT NOT NULL DEFAULT 0,
  job_tick        BIGINT NOT NULL,
  resamples       BIGINT NOT NULL,
  seed            BIGINT,
  unit            TEXT NOT NULL CHECK (unit IN ('participants', 'votes')),
  progress        BIGINT NOT NULL DEFAULT 0,
  started_at      BIGINT NOT NULL,
  finished_at     BIGINT NOT NULL,
  duration_ms     DOUBLE PRECISION NOT NULL,
  error           TEXT
);
