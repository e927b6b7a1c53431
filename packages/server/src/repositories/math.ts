import type { Db } from '../db/db.js';

export interface MathRow {
  conversationId: number;
  tick: number;
  lastVoteId: number;
  result: string | null;
  polis: string | null;
  state: string | null;
  priorities: string | null;
  computedAt: number | null;
  durationMs: number | null;
  error: string | null;
  errorAt: number | null;
}

const columns = `conversation_id AS conversationId, tick, last_vote_id AS lastVoteId, result, polis, state, priorities,
  computed_at AS computedAt, duration_ms AS durationMs, error, error_at AS errorAt`;

export async function getMath(db: Db, conversationId: number): Promise<MathRow | undefined> {
  return await db.get(`SELECT ${columns} FROM math_results WHERE conversation_id = ?`, conversationId) as MathRow | undefined;
}

/** Only the small fields: what routing and status need without reading the big JSON. */
export async function getMathSummary(db: Db, conversationId: number): Promise<Pick<MathRow, 'tick' | 'lastVoteId' | 'priorities' | 'computedAt' | 'durationMs' | 'error' | 'errorAt'> | undefined> {
  return await db.get('SELECT tick, last_vote_id AS lastVoteId, priorities, computed_at AS computedAt, duration_ms AS durationMs, error, error_at AS errorAt FROM math_results WHERE conversation_id = ?', conversationId) as MathRow | undefined;
}

/** The current tick alone (0 before any math): the cheap freshness check. */
export async function getMathTick(db: Db, conversationId: number): Promise<number> {
  return (await db.get('SELECT tick FROM math_results WHERE conversation_id = ?', conversationId) as { tick: number } | undefined)?.tick ?? 0;
}

export async function getMathState(db: Db, conversationId: number): Promise<{ tick: number; lastVoteId: number; state: string | null } | undefined> {
  return await db.get('SELECT tick, last_vote_id AS lastVoteId, state FROM math_results WHERE conversation_id = ?', conversationId) as
    | { tick: number; lastVoteId: number; state: string | null }
    | undefined;
}

/**
 * A stored math document: 'result' and 'polis' are the moderator's raw math, 'publicResult' and
 * 'publicPolis' the published forms under the conversation's privacy floor (migration 008).
 */
export type MathDocument = 'result' | 'polis' | 'publicResult' | 'publicPolis' | 'representativeness';
const documentColumn: Record<MathDocument, string> = { result: 'result', polis: 'polis', publicResult: 'public_result', publicPolis: 'public_polis', representativeness: 'representativeness' };

/** The tick of a stored document without reading it (undefined when there is none): conditional requests check this first. */
export async function getMathDocumentTick(db: Db, conversationId: number, which: MathDocument): Promise<number | undefined> {
  return (await db.get(`SELECT tick FROM math_results WHERE conversation_id = ? AND ${documentColumn[which]} IS NOT NULL`, conversationId) as { tick: number } | undefined)?.tick;
}

export async function getMathDocument(db: Db, conversationId: number, which: MathDocument): Promise<{ tick: number; body: string | null } | undefined> {
  return await db.get(`SELECT tick, ${documentColumn[which]} AS body FROM math_results WHERE conversation_id = ?`, conversationId) as { tick: number; body: string | null } | undefined;
}

/** Stores a new result and bumps the tick (the ETag); returns the new tick. */
export async function saveMathResult(
  db: Db,
  conversationId: number,
  m: {
    lastVoteId: number;
    result: string;
    polis: string;
    publicResult: string;
    publicPolis: string;
    state: string;
    priorities: string;
    participantView: string;
    participantPlaces: Uint8Array;
    representativeness: string | null;
    computedAt: number;
    durationMs: number;
  },
): Promise<number> {
  const row = await db.get(`INSERT INTO math_results (conversation_id, tick, last_vote_id, result, polis, public_result, public_polis, state, priorities, participant_view, participant_places,
       representativeness, computed_at, duration_ms, error, error_at)
     VALUES (@conversationId, 1, @lastVoteId, @result, @polis, @publicResult, @publicPolis, @state, @priorities, @participantView, @participantPlaces, @representativeness, @computedAt, @durationMs, NULL, NULL)
     ON CONFLICT (conversation_id) DO UPDATE SET tick = math_results.tick + 1, last_vote_id = excluded.last_vote_id, result = excluded.result,
       polis = excluded.polis, public_result = excluded.public_result, public_polis = excluded.public_polis, state = excluded.state, priorities = excluded.priorities, participant_view = excluded.participant_view,
       participant_places = excluded.participant_places, representativeness = excluded.representativeness, computed_at = excluded.computed_at,
       duration_ms = excluded.duration_ms, error = NULL, error_at = NULL
     RETURNING tick`, { conversationId, ...m, participantPlaces: asBuffer(m.participantPlaces) }) as { tick: number };
  return row.tick;
}

/** better-sqlite3 binds a Buffer as a BLOB; a Uint8Array from a worker is wrapped without copying. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The tick and time of the latest stored result, together naming it (a reused conversation id restarts at tick 1). */
export async function getMathStamp(db: Db, conversationId: number): Promise<{ tick: number; computedAt: number | null } | undefined> {
  return await db.get('SELECT tick, computed_at AS computedAt FROM math_results WHERE conversation_id = ?', conversationId) as
    | { tick: number; computedAt: number | null }
    | undefined;
}

/** What the participant route serves: the slim view JSON and the places blob of the latest math (no big JSON read). */
export async function getParticipantMath(
  db: Db,
  conversationId: number,
): Promise<{ tick: number; computedAt: number | null; view: string | null; places: Buffer | null; hasResult: boolean } | undefined> {
  const row = await db.get(`SELECT tick, computed_at AS computedAt, participant_view AS view, participant_places AS places, result IS NOT NULL AS hasResult
     FROM math_results WHERE conversation_id = ?`, conversationId) as { tick: number; computedAt: number | null; view: string | null; places: Buffer | null; hasResult: number } | undefined;
  return row && { ...row, hasResult: row.hasResult === 1 };
}

/** Results stored before the participant view existed (schema v4): the conversations whose view is still to be derived. */
export async function resultsWithoutParticipantView(db: Db): Promise<{ conversationId: number; tick: number }[]> {
  return await db.all('SELECT conversation_id AS conversationId, tick FROM math_results WHERE result IS NOT NULL AND participant_view IS NULL') as {
    conversationId: number;
    tick: number;
  }[];
}

/** Rows whose published documents are still to be derived from the stored result (stored before schema v8). */
export async function resultsWithoutPublicMath(db: Db): Promise<{ conversationId: number; tick: number; privacyFloor: number }[]> {
  return await db.all(`SELECT m.conversation_id AS conversationId, m.tick, c.privacy_floor AS privacyFloor FROM math_results m JOIN conversations c ON c.id = m.conversation_id
     WHERE m.result IS NOT NULL AND m.public_result IS NULL`) as { conversationId: number; tick: number; privacyFloor: number }[];
}

/** Stores the published documents derived from the stored result of `tick` (a newer tick already carries its own). */
export async function savePublicMath(
  db: Db,
  conversationId: number,
  tick: number,
  m: { publicResult: string; publicPolis: string; participantView: string; participantPlaces: Uint8Array },
): Promise<void> {
  await db.run('UPDATE math_results SET public_result = ?, public_polis = ?, participant_view = ?, participant_places = ? WHERE conversation_id = ? AND tick = ?', m.publicResult,
    m.publicPolis,
    m.participantView,
    asBuffer(m.participantPlaces),
    conversationId,
    tick,);
}

/** Stores the participant view derived from the stored result of `tick` (a newer tick already carries its own). */
export async function saveParticipantView(db: Db, conversationId: number, tick: number, view: string, places: Uint8Array): Promise<void> {
  await db.run('UPDATE math_results SET participant_view = ?, participant_places = ? WHERE conversation_id = ? AND tick = ?', view, asBuffer(places), conversationId, tick);
}

/** Records a failed computation; the last good result stays. */
export async function saveMathError(db: Db, conversationId: number, error: string, at: number): Promise<void> {
  await db.run(`INSERT INTO math_results (conversation_id, error, error_at) VALUES (?, ?, ?)
     ON CONFLICT (conversation_id) DO UPDATE SET error = excluded.error, error_at = excluded.error_at`, conversationId, error, at);
}

/** Drops the persisted core state (after a mode change), so the next computation starts cold. */
export async function clearMathState(db: Db, conversationId: number): Promise<void> {
  await db.run('UPDATE math_results SET state = NULL WHERE conversation_id = ?', conversationId);
}

/**
 * What a bootstrap needs from the latest math, read together: its tick, the published result JSON (so the
 * uncertainty lines up with the groups GET …/math serves) and the last vote it saw.
 */
export async function getMathReference(db: Db, conversationId: number): Promise<{ tick: number; lastVoteId: number; result: string } | undefined> {
  const row = await db.get('SELECT tick, last_vote_id AS lastVoteId, public_result AS result FROM math_results WHERE conversation_id = ? AND public_result IS NOT NULL', conversationId) as
    | { tick: number; lastVoteId: number; result: string }
    | undefined;
  return row;
}
