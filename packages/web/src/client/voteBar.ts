import type { Translator } from '@kuulo/viz';
import { el } from './el';

export interface BarTally {
  agree: number;
  disagree: number;
  pass: number;
}

/** Whole percentages that add up to 100 (largest remainders), so bars and labels agree. */
export function percents(t: BarTally): BarTally {
  const total = t.agree + t.disagree + t.pass;
  if (total === 0) return { agree: 0, disagree: 0, pass: 0 };
  const keys = ['agree', 'disagree', 'pass'] as const;
  const exact = keys.map((k) => (100 * t[k]) / total);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = [0, 1, 2].sort((a, b) => exact[b]! - floors[b]! - (exact[a]! - floors[a]!));
  for (const i of order) if (left-- > 0) floors[i]! += 1;
  return { agree: floors[0]!, disagree: floors[1]!, pass: floors[2]! };
}

/** A count as Finnish and Swedish style write it, grouped from five digits (2872, 12 345); English alike. */
export function countText(n: number, t: Translator): string {
  return Math.abs(n) < 10_000 ? String(n) : t.number(n);
}

/**
 * A horizontal agree / disagree / pass bar with its numbers in text beside it, so the bar
 * never relies on colour alone. Widths go through CSSOM (allowed by the page's CSP).
 */
export function voteBar(label: string, tally: BarTally, t: Translator): HTMLElement {
  const total = tally.agree + tally.disagree + tally.pass;
  const p = percents(tally);
  const shares = { agree: t.percent(p.agree / 100), disagree: t.percent(p.disagree / 100), pass: t.percent(p.pass / 100), count: total };
  const bar = el('span', { class: 'kuulo-bar', attrs: { 'aria-hidden': 'true' } });
  for (const kind of ['agree', 'disagree', 'pass'] as const) {
    const part = el('span', { class: `kuulo-bar-${kind}` });
    part.style.width = `${p[kind]}%`;
    bar.append(part);
  }
  return el('div', { class: 'kuulo-bar-row' }, [
    el('span', { class: 'kuulo-bar-label' }, [label]),
    bar,
    el('span', { class: 'kuulo-bar-numbers' }, [total === 0 ? t.t('report.bar.noVotes') : t.t('report.bar.numbers', { ...shares, count: countText(total, t) })]),
    el('span', { class: 'kuulo-visually-hidden' }, [t.t('report.bar.summary', { label, ...shares })]),
  ]);
}
