-- PostgreSQL dialect of ../012-participant-questions.sql (Kuulo schema v12): participant questions (issue #17).

-- Votes a participant casts before the questions are offered.
ALTER TABLE conversations ADD COLUMN questions_after BIGINT NOT NULL DEFAULT 3 CHECK (questions_after BETWEEN 0 AND 50);

-- A moderator's optional single-choice questions; spec is JSON {text, meta, answers: [{key, text, population}]}.
CREATE TABLE participant_questions (
  conversation_id BIGINT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  key             TEXT NOT NULL,
  position        BIGINT NOT NULL,
  spec            TEXT NOT NULL,
  PRIMARY KEY (conversation_id, key)
);

-- One answer per participant and question, never published individually; answer_key NULL: the participant declined.
-- Keyed by question key, so answers survive a question being removed and brought back.
CREATE TABLE participant_answers (
  conversation_id BIGINT NOT NULL,
  pid             BIGINT NOT NULL,
  question_key    TEXT NOT NULL,
  answer_key      TEXT,
  answered_at     BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, pid, question_key),
  FOREIGN KEY (conversation_id, pid) REFERENCES participants(conversation_id, pid) ON DELETE CASCADE
);

-- The published representativeness section (core representativeness under the floor) of each tick.
ALTER TABLE math_results ADD COLUMN representativeness TEXT;
