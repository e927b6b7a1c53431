-- PostgreSQL dialect of ../008-privacy.sql (Kuulo schema v8): results people can trust (issue #14).

-- No published number describes fewer than privacy_floor participants (groups, tallies, statements).
ALTER TABLE conversations ADD COLUMN privacy_floor BIGINT NOT NULL DEFAULT 5 CHECK (privacy_floor BETWEEN 2 AND 100);
-- A report headline needs this many votes overall, and this many in every group for "across groups" ones.
ALTER TABLE conversations ADD COLUMN headline_min_votes BIGINT NOT NULL DEFAULT 10 CHECK (headline_min_votes >= 1);
ALTER TABLE conversations ADD COLUMN headline_min_group_votes BIGINT NOT NULL DEFAULT 5 CHECK (headline_min_group_votes >= 1);

-- The published documents (core publishResult under the conversation's floor), stored with each tick so
-- public GETs serve them as they are; result and polis stay the moderator's raw math. Rows stored before
-- this version get theirs derived when the database is opened (math/backfillPublicMath.ts), once.
ALTER TABLE math_results ADD COLUMN public_result TEXT;
ALTER TABLE math_results ADD COLUMN public_polis TEXT;
