-- PostgreSQL dialect of ../003-statement-tallies.sql (Kuulo schema v3): statement tallies kept incrementally (issue #12).

-- Per statement: latest-vote counts (agree, disagree, pass), history counts (every vote ever cast), the
-- newest history row on it (changed_vote_id) and when it last changed (change_seq). insertVote keeps the
-- counts; votes, new statements and moderation set change_seq to the conversation's max + 1, so it is a
-- per-conversation counter that public reads use as their change cursor without scanning any vote.
CREATE TABLE statement_tallies (
  conversation_id  BIGINT NOT NULL,
  tid              BIGINT NOT NULL,
  agree            BIGINT NOT NULL DEFAULT 0,
  disagree         BIGINT NOT NULL DEFAULT 0,
  pass             BIGINT NOT NULL DEFAULT 0,
  history_agree    BIGINT NOT NULL DEFAULT 0,
  history_disagree BIGINT NOT NULL DEFAULT 0,
  changed_vote_id  BIGINT NOT NULL DEFAULT 0,
  change_seq       BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (conversation_id, tid)
);
CREATE INDEX statement_tallies_changes ON statement_tallies(conversation_id, change_seq);

-- Backfill: one row per statement and per statement that has votes; existing data starts at change_seq 0.
-- PostgreSQL cannot sum booleans: count(*) FILTER gives SQLite's sum(vote = 1) (groups are never empty).
INSERT INTO statement_tallies (conversation_id, tid) SELECT conversation_id, tid FROM statements;
INSERT INTO statement_tallies (conversation_id, tid, agree, disagree, pass)
  SELECT conversation_id, tid, count(*) FILTER (WHERE vote = 1), count(*) FILTER (WHERE vote = -1), count(*) FILTER (WHERE vote = 0)
  FROM current_votes GROUP BY conversation_id, tid
  ON CONFLICT (conversation_id, tid) DO UPDATE SET agree = excluded.agree, disagree = excluded.disagree, pass = excluded.pass;
INSERT INTO statement_tallies (conversation_id, tid, history_agree, history_disagree, changed_vote_id)
  SELECT conversation_id, tid, count(*) FILTER (WHERE vote = 1), count(*) FILTER (WHERE vote = -1), max(id)
  FROM votes GROUP BY conversation_id, tid
  ON CONFLICT (conversation_id, tid) DO UPDATE SET
    history_agree = excluded.history_agree, history_disagree = excluded.history_disagree, changed_vote_id = excluded.changed_vote_id;

-- votes.csv is streamed in keyset pages ordered by (tid, pid, created_at, id): this index serves them.
CREATE INDEX votes_export ON votes(conversation_id, tid, pid, created_at);
