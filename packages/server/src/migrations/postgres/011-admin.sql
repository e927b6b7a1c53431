-- PostgreSQL dialect of ../011-admin.sql (Kuulo schema v11): named moderator keys (issue #15).

-- Extra moderator keys, one per person, each with a label the moderation log records as who acted.
-- The conversation's own key (conversations.moderator_key_hash) stays 'moderator'; only hashes are kept.
CREATE TABLE moderator_keys (
  conversation_id BIGINT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  label           TEXT NOT NULL,
  key_hash        TEXT NOT NULL UNIQUE,
  created_at      BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, label)
);
