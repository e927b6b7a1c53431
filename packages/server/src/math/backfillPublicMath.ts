import { participantView, publishedPolisMath, publishResult, type KuuloResult } from '@kuulo/core';
import type { Db } from '../db/db.js';
import { getMathDocument, resultsWithoutPublicMath, savePublicMath } from '../repositories/math.js';
import { encodeParticipantPlaces } from './participantPlaces.js';

/**
 * Derives the published documents (result, pca2, participant view and places under the conversation's
 * privacy floor) of results stored before schema v8, once, when the database is opened (the data half of
 * migration 008). Does nothing on a schema without the columns. A result that cannot be read is skipped:
 * the conversation's next tick stores its own. Returns the conversations derived and those skipped, with why.
 */
export async function backfillPublicMath(db: Db): Promise<{ derived: number[]; skipped: { conversationId: number; reason: string }[] }> {
  const out = { derived: [] as number[], skipped: [] as { conversationId: number; reason: string }[] };
  // Only SQLite files can predate the column: a PostgreSQL database starts at the current schema.
  if (db.dialect !== 'sqlite') return out;
  const hasColumn = await db.get("SELECT 1 FROM pragma_table_info('math_results') WHERE name = 'public_result'");
  if (!hasColumn) return out;
  for (const { conversationId, tick, privacyFloor } of await resultsWithoutPublicMath(db)) {
    const body = (await getMathDocument(db, conversationId, 'result'))?.body;
    try {
      const result = JSON.parse(body ?? 'null') as KuuloResult;
      const published = publishResult(result, { floor: privacyFloor });
      await savePublicMath(db, conversationId, tick, {
        publicResult: JSON.stringify(published),
        publicPolis: JSON.stringify(publishedPolisMath(published)),
        participantView: JSON.stringify(participantView(result, { privacyFloor })),
        participantPlaces: encodeParticipantPlaces(published),
      });
      out.derived.push(conversationId);
    } catch (error) {
      out.skipped.push({ conversationId, reason: `math_results of conversation ${conversationId} (tick ${tick}): ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return out;
}
