-- PostgreSQL dialect of ../007-languages.sql (Kuulo schema v7): conversations and statements in several languages (issue #13).

-- Topic and description per language, {"sv": {"topic": …, "description": …}}: a JSON column, because it is
-- small, always read and written whole with the (cached) conversation row and never queried by language.
-- TEXT, not jsonb, as in SQLite: the code reads and writes it whole as a string.
ALTER TABLE conversations ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
-- The conversation's opt-in to machine translation (a provider must also be configured); off for existing ones.
ALTER TABLE conversations ADD COLUMN machine_translation BIGINT NOT NULL DEFAULT 0;

-- How statements.lang was set: given by the author, detected from the text, or corrected by a moderator.
-- Languages stored before this version were given with the statement: the backfill calls them the author's.
ALTER TABLE statements ADD COLUMN lang_source TEXT CHECK (lang_source IN ('author', 'detected', 'moderator'));
UPDATE statements SET lang_source = 'author' WHERE lang IS NOT NULL;

-- A statement's text in other languages than its original; the votes stay on the statement.
CREATE TABLE statement_translations (
  conversation_id BIGINT NOT NULL,
  tid             BIGINT NOT NULL,
  lang            TEXT NOT NULL,
  text            TEXT NOT NULL,
  source          TEXT NOT NULL CHECK (source IN ('author', 'moderator', 'machine')),
  updated_at      BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, tid, lang),
  FOREIGN KEY (conversation_id, tid) REFERENCES statements (conversation_id, tid) ON DELETE CASCADE
);

-- `next?languages=` filters a participant's unvoted statements by original language: this index holds
-- everything that walk reads (visibility, language, id), so the filter adds no row lookups.
CREATE INDEX statements_language ON statements(conversation_id, moderation, lang, tid);
