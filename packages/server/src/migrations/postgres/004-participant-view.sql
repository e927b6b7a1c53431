-- PostgreSQL dialect of ../004-participant-view.sql (Kuulo schema v4): the participant's slim view of each math tick (issue #12).

-- What a participant's page shows (core's ParticipantView JSON, a few KB whatever the conversation's
-- size) and every participant's place as fixed-size records sorted by pid (math/participantPlaces.ts),
-- so GET …/math/participant never reads or parses the full result.
ALTER TABLE math_results ADD COLUMN participant_view TEXT;
ALTER TABLE math_results ADD COLUMN participant_places BYTEA;

-- Backfill: SQL cannot draw hulls, so results stored before this version get their view derived from
-- the stored result when the database is opened (math/backfillParticipantViews.ts, right after the
-- migrations), once; every later tick stores its own.
