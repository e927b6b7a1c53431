import type Database from 'better-sqlite3';
import { getMathDocument } from '../repositories/math.js';
import { getUncertaintyFor } from '../repositories/uncertainty.js';

/**
 * The stored Kuulo result JSON with the bootstrap uncertainty of the same math tick attached as
 * `uncertainty` (what core's `withUncertainty` builds; the worker checked the alignment with it before
 * storing). An uncertainty of an older tick is left out. `version` names the document for its ETag.
 */
export function kuuloResultDocument(db: Database.Database, conversationId: number): { tick: number; version: string; body: string } | undefined {
  const doc = getMathDocument(db, conversationId, 'result');
  if (!doc?.body) return undefined;
  const uncertainty = getUncertaintyFor(db, conversationId, doc.tick);
  if (!uncertainty) return { tick: doc.tick, version: String(doc.tick), body: doc.body };
  // The stored result is one JSON object: appending a last key avoids parsing a document of megabytes.
  return { tick: doc.tick, version: `${doc.tick}-u${uncertainty.version}`, body: `${doc.body.slice(0, -1)},"uncertainty":${uncertainty.body}}` };
}
