import type { ModerationState, StatementId } from '../types.js';

export interface ModerationRecord {
  moderation: ModerationState;
  isMeta: boolean;
}

export interface ModerationMasks {
  /** 1 where the statement's votes are zeroed for the math (moderated out or meta). */
  modOut: Uint8Array;
  modIn: Uint8Array;
  meta: Uint8Array;
}

/**
 * Polis's moderation sets over the matrix columns (§3.2): mod-out = meta or −1, mod-in = meta or 1.
 * Polis never moves unmoderated statements out, even under strict moderation; `strictExcludes`
 * (Kuulo option) does.
 */
export function moderationMasks(
  columns: readonly StatementId[],
  moderation: ReadonlyMap<StatementId, ModerationRecord>,
  strictExcludes: boolean,
): ModerationMasks {
  const n = columns.length;
  const modOut = new Uint8Array(n);
  const modIn = new Uint8Array(n);
  const meta = new Uint8Array(n);
  for (let c = 0; c < n; c++) {
    const record = moderation.get(columns[c]!);
    const state = record?.moderation ?? 0;
    const isMeta = record?.isMeta ?? false;
    meta[c] = isMeta ? 1 : 0;
    modOut[c] = isMeta || state === -1 || (strictExcludes && state === 0) ? 1 : 0;
    modIn[c] = isMeta || state === 1 ? 1 : 0;
  }
  return { modOut, modIn, meta };
}
