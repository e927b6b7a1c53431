-- Kuulo schema v9: moderation log and participants excluded from the math (issue #15).

-- Who (the key's label: 'admin', 'moderator' or a named key) did what, when; append-only, exported as CSV.
CREATE TABLE moderation_log (
  id              INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  at              INTEGER NOT NULL,
  actor           TEXT NOT NULL,
  action          TEXT NOT NULL,
  target          TEXT,
  detail          TEXT
) STRICT;
CREATE INDEX moderation_log_conversation ON moderation_log(conversation_id, id);

-- Participants whose votes the math leaves out. Nothing is deleted: removing the row brings the votes back.
CREATE TABLE participant_exclusions (
  conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  pid             INTEGER NOT NULL,
  reason          TEXT NOT NULL DEFAULT '',
  actor           TEXT NOT NULL,
  excluded_at     INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, pid)
) STRICT, WITHOUT ROWID;
