import { defaultPrivacyFloor, participantView, publishResult, type KuuloResult } from '@kuulo/core';
import type Database from 'better-sqlite3';
import { getMathDocument, resultsWithoutParticipantView, saveParticipantView } from '../repositories/math.js';
import { encodeParticipantPlaces } from './participantPlaces.js';

/**
 * Derives the participant view and places of results stored before schema v4 from the stored result,
 * once, when the database is opened (the data half of migration 004: SQL cannot compute hulls).
 * Does nothing on a schema without the columns (tests that apply older migrations only). A result that
 * cannot be read is skipped rather than stopping the server: the conversation's next tick stores a view.
 * Returns the conversations that got a view and those skipped, with why.
 */
export function backfillParticipantViews(db: Database.Database): { derived: number[]; skipped: { conversationId: number; reason: string }[] } {
  const out = { derived: [] as number[], skipped: [] as { conversationId: number; reason: string }[] };
  const hasColumn = db.prepare("SELECT 1 FROM pragma_table_info('math_results') WHERE name = 'participant_view'").get();
  if (!hasColumn) return out;
  // The view and places obey the conversation's privacy floor (schema v8; before it, the default).
  const hasFloor = db.prepare("SELECT 1 FROM pragma_table_info('conversations') WHERE name = 'privacy_floor'").get();
  const floorOf = (id: number): number =>
    hasFloor ? ((db.prepare('SELECT privacy_floor AS f FROM conversations WHERE id = ?').get(id) as { f: number } | undefined)?.f ?? defaultPrivacyFloor) : defaultPrivacyFloor;
  for (const { conversationId, tick } of resultsWithoutParticipantView(db)) {
    const body = getMathDocument(db, conversationId, 'result')?.body;
    try {
      const result = JSON.parse(body ?? 'null') as KuuloResult;
      const privacyFloor = floorOf(conversationId);
      saveParticipantView(db, conversationId, tick, JSON.stringify(participantView(result, { privacyFloor })), encodeParticipantPlaces(publishResult(result, { floor: privacyFloor })));
      out.derived.push(conversationId);
    } catch (error) {
      out.skipped.push({ conversationId, reason: `math_results of conversation ${conversationId} (tick ${tick}): ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return out;
}
