import { defaultPrivacyFloor, participantView, publishResult, type KuuloResult } from '@kuulo/core';
import type { Db } from '../db/db.js';
import { getMathDocument, resultsWithoutParticipantView, saveParticipantView } from '../repositories/math.js';
import { encodeParticipantPlaces } from './participantPlaces.js';

/**
 * Derives the participant view and places of results stored before schema v4 from the stored result,
 * once, when the database is opened (the data half of migration 004: SQL cannot compute hulls).
 * Does nothing on a schema without the columns (tests that apply older migrations only). A result that
 * cannot be read is skipped rather than stopping the server: the conversation's next tick stores a view.
 * Returns the conversations that got a view and those skipped, with why.
 */
export async function backfillParticipantViews(db: Db): Promise<{ derived: number[]; skipped: { conversationId: number; reason: string }[] }> {
  const out = { derived: [] as number[], skipped: [] as { conversationId: number; reason: string }[] };
  // Only SQLite files can predate the column: a PostgreSQL database starts at the current schema.
  if (db.dialect !== 'sqlite') return out;
  const hasColumn = await db.get("SELECT 1 FROM pragma_table_info('math_results') WHERE name = 'participant_view'");
  if (!hasColumn) return out;
  // The view and places obey the conversation's privacy floor (schema v8; before it, the default).
  const hasFloor = await db.get("SELECT 1 FROM pragma_table_info('conversations') WHERE name = 'privacy_floor'");
  const floorOf = async (id: number): Promise<number> =>
    hasFloor ? ((await db.get('SELECT privacy_floor AS f FROM conversations WHERE id = ?', id)) as { f: number } | undefined)?.f ?? defaultPrivacyFloor : defaultPrivacyFloor;
  for (const { conversationId, tick } of await resultsWithoutParticipantView(db)) {
    const body = (await getMathDocument(db, conversationId, 'result'))?.body;
    try {
      const result = JSON.parse(body ?? 'null') as KuuloResult;
      const privacyFloor = await floorOf(conversationId);
      await saveParticipantView(db, conversationId, tick, JSON.stringify(participantView(result, { privacyFloor })), encodeParticipantPlaces(publishResult(result, { floor: privacyFloor })));
      out.derived.push(conversationId);
    } catch (error) {
      out.skipped.push({ conversationId, reason: `math_results of conversation ${conversationId} (tick ${tick}): ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return out;
}
