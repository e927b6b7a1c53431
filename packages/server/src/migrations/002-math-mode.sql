-- Kuulo schema v2 (issue #7): per-conversation math settings and bootstrap uncertainty.

-- 'polis' reproduces Polis (history-dependent groups); 'stable' makes groups a function of the votes and seed.
ALTER TABLE conversations ADD COLUMN math_mode TEXT NOT NULL DEFAULT 'polis' CHECK (math_mode IN ('polis', 'stable'));
-- Core's `bridging` option: 'auto' computes bridging scores in stable mode only.
ALTER TABLE conversations ADD COLUMN bridging TEXT NOT NULL DEFAULT 'auto' CHECK (bridging IN ('auto', 'on', 'off'));

-- The latest finished bootstrap job per conversation, and the last uncertainty it stored.
-- The uncertainty belongs to math tick `tick`; it is served only while that tick is current.
CREATE TABLE uncertainty_results (
  conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  tick            INTEGER,
  uncertainty     TEXT,
  version         INTEGER NOT NULL DEFAULT 0,
  job_tick        INTEGER NOT NULL,
  resamples       INTEGER NOT NULL,
  seed            INTEGER,
  unit            TEXT NOT NULL CHECK (unit IN ('participants', 'votes')),
  progress        INTEGER NOT NULL DEFAULT 0,
  started_at      INTEGER NOT NULL,
  finished_at     INTEGER NOT NULL,
  duration_ms     REAL NOT NULL,
  error           TEXT
) STRICT;
