-- PostgreSQL dialect of ../010-similarity.sql (Kuulo schema v10): duplicate statements (issue #15).

-- The statement a moderator rejected this one as a duplicate of; its author is pointed there to vote.
-- Similarity scores themselves are not stored: the in-memory index (src/similarity) rebuilds from the texts.
ALTER TABLE statements ADD COLUMN duplicate_of BIGINT;
