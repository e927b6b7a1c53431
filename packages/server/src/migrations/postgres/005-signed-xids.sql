-- PostgreSQL dialect of ../005-signed-xids.sql (Kuulo schema v5): per-conversation signed external ids (issue #12).

-- The HMAC-SHA256 secret the embedding platform signs xids with (`<exp>.<sig>.<xid>`); NULL: plain xids are taken as given.
-- Existing conversations keep plain xids: the NULL default is their backfill.
ALTER TABLE conversations ADD COLUMN xid_secret TEXT;
