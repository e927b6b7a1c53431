import type { Db } from '../db/db.js';

/** The latest finished bootstrap job of a conversation and the last uncertainty stored. */
export interface UncertaintyRow {
  /** Math tick of the stored uncertainty, null before the first success. */
  tick: number | null;
  /** Bumps with every stored uncertainty (part of the math ETag). */
  version: number;
  jobTick: number;
  resamples: number;
  seed: number | null;
  unit: 'participants' | 'votes';
  progress: number;
  startedAt: number;
  finishedAt: number;
  durationMs: number;
  error: string | null;
}

/** A finished job: what it ran with and how far it got. */
export type FinishedJob = Pick<UncertaintyRow, 'jobTick' | 'resamples' | 'seed' | 'unit' | 'progress' | 'startedAt' | 'finishedAt' | 'durationMs'>;

const columns = `tick, version, job_tick AS jobTick, resamples, seed, unit, progress, started_at AS startedAt, finished_at AS finishedAt,
  duration_ms AS durationMs, error`;

export async function getUncertaintyJob(db: Db, conversationId: number): Promise<UncertaintyRow | undefined> {
  return await db.get(`SELECT ${columns} FROM uncertainty_results WHERE conversation_id = ?`, conversationId) as UncertaintyRow | undefined;
}

/** The stored uncertainty JSON when it was computed on math tick `tick`, else undefined. */
export async function getUncertaintyFor(db: Db, conversationId: number, tick: number): Promise<{ version: number; body: string } | undefined> {
  return await db.get('SELECT version, uncertainty AS body FROM uncertainty_results WHERE conversation_id = ? AND tick = ? AND uncertainty IS NOT NULL', conversationId,
    tick,) as { version: number; body: string } | undefined;
}

/** The version of the uncertainty stored for math tick `tick`, without reading it. */
export async function getUncertaintyVersion(db: Db, conversationId: number, tick: number): Promise<number | undefined> {
  return (await db.get('SELECT version FROM uncertainty_results WHERE conversation_id = ? AND tick = ? AND uncertainty IS NOT NULL', conversationId, tick) as { version: number } | undefined)
    ?.version;
}

/** Stores a job's uncertainty for its math tick, replacing the previous one. */
export async function saveUncertainty(db: Db, conversationId: number, job: FinishedJob, uncertainty: string): Promise<void> {
  await db.run(`INSERT INTO uncertainty_results (conversation_id, tick, uncertainty, version, job_tick, resamples, seed, unit, progress, started_at, finished_at, duration_ms, error)
     VALUES (@conversationId, @jobTick, @uncertainty, 1, @jobTick, @resamples, @seed, @unit, @progress, @startedAt, @finishedAt, @durationMs, NULL)
     ON CONFLICT (conversation_id) DO UPDATE SET tick = excluded.tick, uncertainty = excluded.uncertainty, version = uncertainty_results.version + 1,
       job_tick = excluded.job_tick, resamples = excluded.resamples, seed = excluded.seed, unit = excluded.unit, progress = excluded.progress,
       started_at = excluded.started_at, finished_at = excluded.finished_at, duration_ms = excluded.duration_ms, error = NULL`, { conversationId, uncertainty, ...job });
}

/** Records a failed job; the last stored uncertainty stays. */
export async function saveUncertaintyError(db: Db, conversationId: number, job: FinishedJob, error: string): Promise<void> {
  await db.run(`INSERT INTO uncertainty_results (conversation_id, tick, uncertainty, version, job_tick, resamples, seed, unit, progress, started_at, finished_at, duration_ms, error)
     VALUES (@conversationId, NULL, NULL, 0, @jobTick, @resamples, @seed, @unit, @progress, @startedAt, @finishedAt, @durationMs, @error)
     ON CONFLICT (conversation_id) DO UPDATE SET job_tick = excluded.job_tick, resamples = excluded.resamples, seed = excluded.seed, unit = excluded.unit,
       progress = excluded.progress, started_at = excluded.started_at, finished_at = excluded.finished_at, duration_ms = excluded.duration_ms, error = excluded.error`, { conversationId, error, ...job });
}
