-- Kuulo schema v1. Public vote sign: agree = +1, disagree = -1, pass = 0.
-- No IP addresses or personal data: participants are a per-conversation number,
-- a hashed token and optionally the embedding platform's own id (xid).

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE conversations (
  id                 INTEGER PRIMARY KEY,
  slug               TEXT NOT NULL UNIQUE,
  topic              TEXT NOT NULL,
  description        TEXT NOT NULL DEFAULT '',
  strict_moderation  INTEGER NOT NULL DEFAULT 0,
  is_open            INTEGER NOT NULL DEFAULT 1,
  languages          TEXT NOT NULL DEFAULT '[]',
  use_xid_allowlist  INTEGER NOT NULL DEFAULT 0,
  moderator_key_hash TEXT NOT NULL,
  seed               INTEGER NOT NULL,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
) STRICT;

CREATE TABLE xid_allowlist (
  conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  xid             TEXT NOT NULL,
  PRIMARY KEY (conversation_id, xid)
) STRICT, WITHOUT ROWID;

CREATE TABLE participants (
  conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  pid             INTEGER NOT NULL,
  token_hash      TEXT UNIQUE,
  xid             TEXT,
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, pid)
) STRICT;
CREATE UNIQUE INDEX participants_xid ON participants(conversation_id, xid) WHERE xid IS NOT NULL;

CREATE TABLE statements (
  conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  tid             INTEGER NOT NULL,
  author_pid      INTEGER,
  text            TEXT NOT NULL,
  text_key        TEXT,
  lang            TEXT,
  is_seed         INTEGER NOT NULL DEFAULT 0,
  is_meta         INTEGER NOT NULL DEFAULT 0,
  moderation      INTEGER NOT NULL DEFAULT 0 CHECK (moderation IN (-1, 0, 1)),
  created_at      INTEGER NOT NULL,
  moderated_at    INTEGER,
  PRIMARY KEY (conversation_id, tid)
) STRICT;
CREATE UNIQUE INDEX statements_text_key ON statements(conversation_id, text_key) WHERE text_key IS NOT NULL;
CREATE INDEX statements_moderation ON statements(conversation_id, moderation, tid);

-- Every vote ever cast (history); the id is the arrival order the math reads.
CREATE TABLE votes (
  id              INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  pid             INTEGER NOT NULL,
  tid             INTEGER NOT NULL,
  vote            INTEGER NOT NULL CHECK (vote IN (-1, 0, 1)),
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX votes_conversation ON votes(conversation_id, id);

-- The latest vote per participant and statement (latest wins).
CREATE TABLE current_votes (
  conversation_id INTEGER NOT NULL,
  pid             INTEGER NOT NULL,
  tid             INTEGER NOT NULL,
  vote            INTEGER NOT NULL CHECK (vote IN (-1, 0, 1)),
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, pid, tid)
) STRICT, WITHOUT ROWID;
CREATE INDEX current_votes_tid ON current_votes(conversation_id, tid);

-- The latest math per conversation, with the core state it warm-starts from.
CREATE TABLE math_results (
  conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  tick            INTEGER NOT NULL DEFAULT 0,
  last_vote_id    INTEGER NOT NULL DEFAULT 0,
  result          TEXT,
  polis           TEXT,
  state           TEXT,
  priorities      TEXT,
  computed_at     INTEGER,
  duration_ms     REAL,
  error           TEXT,
  error_at        INTEGER
) STRICT;
