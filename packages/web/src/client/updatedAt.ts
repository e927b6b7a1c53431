import type { Translator } from '@kuulo/viz';

/** "Updated 14:03:12 (update 5)": when the shown math was computed, in the reader's language. */
export function updatedAt(computedAt: number, tick: number, t: Translator): string {
  const time = t.dateTime(computedAt, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  // The update number is an identifier, not a quantity: no digit grouping.
  return t.t('report.updatedAt', { time, tick: String(tick) });
}
