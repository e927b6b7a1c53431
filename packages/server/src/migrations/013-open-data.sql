-- Kuulo schema v13: a conversation's open data (issue #18).

-- 1: the Polis-compatible API serves the moderator export's content (comments with authors, votes by participant, reportExport CSVs) to anyone.
ALTER TABLE conversations ADD COLUMN data_open INTEGER NOT NULL DEFAULT 0;
