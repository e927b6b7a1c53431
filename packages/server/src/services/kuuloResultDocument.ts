import type Database from 'better-sqlite3';
import { getMathDocument } from '../repositories/math.js';
import { prepared } from '../repositories/prepared.js';
import { getUncertaintyFor, getUncertaintyVersion } from '../repositories/uncertainty.js';

/**
 * The stored published Kuulo result JSON (core publishResult under the conversation's privacy floor) with the bootstrap uncertainty of the same math tick attached as
 * `uncertainty` (what core's `withUncertainty` builds; the worker checked the alignment with it before
 * storing). An uncertainty of an older tick is left out. `version` names the document for its ETag.
 */
export function kuuloResultDocument(db: Database.Database, conversationId: number): { tick: number; version: string; body: string } | undefined {
  const doc = getMathDocument(db, conversationId, 'publicResult');
  if (!doc?.body) return undefined;
  const uncertainty = getUncertaintyFor(db, conversationId, doc.tick);
  if (!uncertainty) return { tick: doc.tick, version: String(doc.tick), body: doc.body };
  // The stored result is one JSON object: appending a last key avoids parsing a document of megabytes.
  return { tick: doc.tick, version: `${doc.tick}-u${uncertainty.version}`, body: `${doc.body.slice(0, -1)},"uncertainty":${uncertainty.body}}` };
}

/**
 * The ETag version `kuuloResultDocument` would give, without reading the document (a conditional request
 * that is still current then costs two index lookups however large the result).
 */
export function kuuloResultVersion(db: Database.Database, conversationId: number): string | undefined {
  const row = prepared(db, 'SELECT tick FROM math_results WHERE conversation_id = ? AND public_result IS NOT NULL').get(conversationId) as { tick: number } | undefined;
  if (!row) return undefined;
  const uncertainty = getUncertaintyVersion(db, conversationId, row.tick);
  return uncertainty === undefined ? String(row.tick) : `${row.tick}-u${uncertainty}`;
}
