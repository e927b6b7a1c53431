import { participantView, publishedPolisMath, publishResult, type KuuloResult } from '@kuulo/core';
import type Database from 'better-sqlite3';
import { getMathDocument, resultsWithoutPublicMath, savePublicMath } from '../repositories/math.js';
import { encodeParticipantPlaces } from './participantPlaces.js';

/**
 * Derives the published documents (result, pca2, participant view and places under the conversation's
 * privacy floor) of results stored before schema v8, once, when the database is opened (the data half of
 * migration 008). Does nothing on a schema without the columns. A result that cannot be read is skipped:
 * the conversation's next tick stores its own. Returns the conversations derived and those skipped, with why.
 */
export function backfillPublicMath(db: Database.Database): { derived: number[]; skipped: { conversationId: number; reason: string }[] } {
  const out = { derived: [] as number[], skipped: [] as { conversationId: number; reason: string }[] };
  const hasColumn = db.prepare("SELECT 1 FROM pragma_table_info('math_results') WHERE name = 'public_result'").get();
  if (!hasColumn) return out;
  for (const { conversationId, tick, privacyFloor } of resultsWithoutPublicMath(db)) {
    const body = getMathDocument(db, conversationId, 'result')?.body;
    try {
      const result = JSON.parse(body ?? 'null') as KuuloResult;
      const published = publishResult(result, { floor: privacyFloor });
      savePublicMath(db, conversationId, tick, {
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
