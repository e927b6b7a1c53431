-- Kuulo schema v12: participant questions, their answers and the population's shares (issue #17).

-- Votes a participant casts before the questions are offered.
ALTER TABLE conversations ADD COLUMN questions_after INTEGER NOT NULL DEFAULT 3 CHECK (questions_after BETWEEN 0 AND 50);

-- A moderator's optional single-choice questions; spec is JSON {text, meta, answers: [{key, text, population}]}.
CREATE TABLE participant_questions (
  conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  key             TEXT NOT NULL,
  position        INTEGER NOT NULL,
  spec            TEXT NOT NULL,
  PRIMARY KEY (conversation_id, key)
) STRICT, WITHOUT ROWID;

-- One answer per participant and question, never published individually; answer_key NULL: the participant declined.
-- Keyed by question key, so answers survive a question being removed and brought back.
CREATE TABLE participant_answers (
  conversation_id INTEGER NOT NULL,
  pid             INTEGER NOT NULL,
  question_key    TEXT NOT NULL,
  answer_key      TEXT,
  answered_at     INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, pid, question_key),
  FOREIGN KEY (conversation_id, pid) REFERENCES participants(conversation_id, pid) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- The published representativeness section (core representativeness under the floor) of each tick.
ALTER TABLE math_results ADD COLUMN representativeness TEXT;
