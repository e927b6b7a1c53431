import { readFileSync } from 'node:fs';
import { parsePolisCommentsCsv } from '@kuulo/core';
import { hameentieStatements } from '../src/demoHameentie.js';

/** Languages the bench can write statements in. */
export type BenchLanguage = 'en' | 'fi' | 'sv';

const openData = new URL('../../core/test/fixtures/open-data/', import.meta.url);
const englishConversations = ['15-per-hour-seattle', 'brexit-consensus', 'canadian-electoral-reform', 'scoop-hivemind.ubi'];

/** Real statements to recombine: the English open-data conversations, or the demo's Finnish or Swedish texts. */
function sources(lang: BenchLanguage): string[][] {
  const texts =
    lang === 'en'
      ? englishConversations.flatMap((name) => parsePolisCommentsCsv(readFileSync(new URL(`${name}/comments.csv`, openData), 'utf8')).statements.map((s) => s.text))
      : hameentieStatements.map((s) => s.text[lang]);
  return texts.map((t) => t.split(/\s+/).filter(Boolean)).filter((words) => words.length >= 3);
}

/**
 * `n` statements that read like a real conversation's: each takes a real statement and swaps a third of
 * its words for words of other statements, so the vocabulary and the length follow the real ones while
 * the texts differ. Every tenth reuses a recent statement with one word changed (a near duplicate).
 * Deterministic for a seed (an LCG).
 */
export function syntheticStatements(n: number, lang: BenchLanguage, seed: number): string[] {
  let state = seed >>> 0;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const base = sources(lang);
  const vocabulary = base.flat();
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 10 === 9 && out.length > 0) {
      const words = out[Math.max(0, out.length - 1 - Math.floor(random() * 200))]!.split(' ');
      words[Math.floor(random() * words.length)] = pick(vocabulary);
      out.push(words.join(' '));
      continue;
    }
    out.push(pick(base).map((w) => (random() < 1 / 3 ? pick(vocabulary) : w)).join(' '));
  }
  return out;
}
