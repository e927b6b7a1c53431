-- PostgreSQL dialect of ../006-statement-allowance.sql (Kuulo schema v6): statement cap and per-participant allowance (issue #12).

-- The per-participant statement allowance counts a participant's statements in a conversation by this index,
-- built over the existing rows as it is created (nothing else to backfill). The conversation cap counts
-- non-rejected statements with statements_moderation(conversation_id, moderation, tid).
CREATE INDEX statements_author ON statements(conversation_id, author_pid);

-- Participants per conversation, kept by insertParticipant: public reads (GET conversation, Polis
-- participant_count) take it without counting a million rows.
ALTER TABLE conversations ADD COLUMN participant_count BIGINT NOT NULL DEFAULT 0;
UPDATE conversations SET participant_count = (SELECT count(*) FROM participants p WHERE p.conversation_id = conversations.id);
