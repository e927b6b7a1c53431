-- Kuulo schema v6: statement cap and per-participant allowance (issue #12).

-- The per-participant statement allowance counts a participant's statements in a conversation by this index,
-- built over the existing rows as it is created (nothing else to backfill). The conversation cap counts
-- non-rejected statements with statements_moderation(conversation_id, moderation, tid).
CREATE INDEX statements_author ON statements(conversation_id, author_pid);
