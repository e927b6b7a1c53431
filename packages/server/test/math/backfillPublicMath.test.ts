import { participantView, publishedPolisMath, publishResult } from '@kuulo/core';
import Database from 'better-sqlite3';
import { SqliteDb } from '../../src/db/sqlite.js';
import { describe, expect, test } from 'vitest';
import { backfillPublicMath } from '../../src/math/backfillPublicMath.js';
import { findParticipantPlace } from '../../src/math/participantPlaces.js';
import { runMathJob } from '../../src/math/runMathJob.js';
import { loadMigrations, runMigrations } from '../../src/migrations/runMigrations.js';
import { twoCamps } from './twoCamps.js';

describe('backfillPublicMath (the data half of migration 008)', () => {
  test('publishes a v7 result under the default floor 5, once; a conversation whose floor hides its groups gets none', async () => {
    const db = new SqliteDb(new Database(':memory:'));
    const all = loadMigrations();
    expect(all[7]!.name).toBe('privacy');
    await runMigrations(db, all.slice(0, 7));
    const conversation = db.connection.prepare("INSERT INTO conversations (slug, topic, moderator_key_hash, seed, created_at, updated_at) VALUES (?, 'Topic', 'h', 1, 0, 0)");
    const [a, b] = ['a', 'b'].map((slug) => Number(conversation.run(slug).lastInsertRowid));
    const { output } = runMathJob({ conversationId: a!, base: { state: null }, votes: twoCamps(), moderation: [], options: { seed: 7, strictModeration: false, mode: 'polis', bridging: 'auto', pcaRefitShare: 0 }, privacyFloor: 5 });
    const insert = db.connection.prepare(
      "INSERT INTO math_results (conversation_id, tick, last_vote_id, result, polis, state, priorities, participant_view, participant_places, computed_at, duration_ms) VALUES (?, 3, 1, ?, ?, '{}', '{}', '{\"old\":1}', x'', 0, 1)",
    );
    for (const c of [a, b]) insert.run(c, output.result, output.polis);
    await runMigrations(db, all);
    (await db.run('UPDATE conversations SET privacy_floor = 13 WHERE id = ?', b));
    expect(await backfillPublicMath(db)).toEqual({ derived: [a, b], skipped: [] });
    const result = JSON.parse(output.result);
    const row = async (c: number) =>
      (await db.get('SELECT public_result, public_polis, participant_view, participant_places FROM math_results WHERE conversation_id = ?', c)) as {
        public_result: string;
        public_polis: string;
        participant_view: string;
        participant_places: Buffer;
      };
    const published = publishResult(result, { floor: 5 });
    expect(JSON.parse((await row(a!)).public_result)).toEqual(published);
    expect(JSON.parse((await row(a!)).public_polis)).toEqual(publishedPolisMath(published));
    expect(JSON.parse((await row(a!)).participant_view)).toEqual(participantView(result));
    expect(published.groups.length).toBe(2);
    // Two groups of 12 under a floor of 13: nothing of them is published, and nobody is placed in one.
    expect(JSON.parse((await row(b!)).public_result).groups).toEqual([]);
    expect(JSON.parse((await row(b!)).participant_view).privacy).toMatchObject({ floor: 13, hiddenGroups: 2, hiddenParticipants: 24 });
    expect(findParticipantPlace((await row(b!)).participant_places, 0)!.group).toBeNull();
    expect(await backfillPublicMath(db)).toEqual({ derived: [], skipped: [] });
  });
});
