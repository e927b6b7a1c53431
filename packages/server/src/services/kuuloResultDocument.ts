import type { Db } from '../db/db.js';
import { getMathDocument } from '../repositories/math.js';
import { getUncertaintyFor, getUncertaintyVersion } from '../repositories/uncertainty.js';

/**
 * The stored published Kuulo result JSON (core publishResult under the conversation's privacy floor) with the bootstrap uncertainty of the same math tick attached as
 * `uncertainty` (what core's `withUncertainty` builds; the worker checked the alignment with it before
 * storing). An uncertainty of an older tick is left out. `version` names the document for its ETag.
 */
export async function kuuloResultDocument(db: Db, conversationId: number): Promise<{ tick: number; version: string; body: string } | undefined> {
  const doc = await getMathDocument(db, conversationId, 'publicResult');
  if (!doc?.body) return undefined;
  const uncertainty = await getUncertaintyFor(db, conversationId, doc.tick);
  if (!uncertainty) return { tick: doc.tick, version: String(doc.tick), body: doc.body };
  // The stored result is one JSON object: appending a last key avoids parsing a document of megabytes.
  return { tick: doc.tick, version: `${doc.tick}-u${uncertainty.version}`, body: `${doc.body.slice(0, -1)},"uncertainty":${uncertainty.body}}` };
}

/**
 * The ETag version `kuuloResultDocument` would give, without reading the document (a conditional request
 * that is still current then costs two index lookups however large the result).
 */
export async function kuuloResultVersion(db: Db, conversationId: number): Promise<string | undefined> {
  const row = await db.get('SELECT tick FROM math_results WHERE conversation_id = ? AND public_result IS NOT NULL', conversationId) as { tick: number } | undefined;
  if (!row) return undefined;
  const uncertainty = await getUncertaintyVersion(db, conversationId, row.tick);
  return uncertainty === undefined ? String(row.tick) : `${row.tick}-u${uncertainty}`;
}
