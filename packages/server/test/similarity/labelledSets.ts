import { readFileSync } from 'node:fs';
import { parsePolisCommentsCsv } from '@kuulo/core';
import { hameentieStatements } from '../../src/demoHameentie.js';
import type { IndexedStatement, SimilarityProvider } from '../../src/similarity/provider.js';
import { english, finnish, swedish, type WrittenStatement } from './duplicateSet.js';

/** One corpus of the labelled set: its statements in arrival order, the duplicate pairs and the pairs left out. */
export interface LabelledCorpus {
  name: string;
  lang: 'fi' | 'sv' | 'en';
  statements: IndexedStatement[];
  duplicates: Set<string>;
  unclear: Set<string>;
}

export const pairKey = (a: number, b: number): string => (a < b ? `${a}-${b}` : `${b}-${a}`);

const openData = new URL('../../../core/test/fixtures/open-data/', import.meta.url);

/** The four English open-data conversations, read by path. */
export function englishCorpora(): LabelledCorpus[] {
  return english.map((c) => {
    const { statements } = parsePolisCommentsCsv(readFileSync(new URL(`${c.name}/comments.csv`, openData), 'utf8'));
    return {
      name: c.name,
      lang: 'en',
      statements: statements.map((s) => ({ tid: Number(s.id), text: s.text, lang: 'en' })).sort((a, b) => a.tid - b.tid),
      duplicates: new Set(c.duplicates.map(([a, b]) => pairKey(a, b))),
      unclear: new Set(c.unclear.map(([a, b]) => pairKey(a, b))),
    };
  });
}

function demoCorpus(name: string, lang: 'fi' | 'sv', written: readonly WrittenStatement[]): LabelledCorpus {
  const originals = hameentieStatements.map((s, i) => ({ tid: i, text: s.text[lang], lang }));
  const extra = written.map((w, i) => ({ tid: 100 + i, text: w.text, lang }));
  const duplicates = new Set(written.flatMap((w, i) => (w.rewords === null ? [] : [pairKey(w.rewords, 100 + i)])));
  return { name, lang, statements: [...originals, ...extra], duplicates, unclear: new Set() };
}

export const finnishCorpus = (): LabelledCorpus => demoCorpus('hameentie-fi', 'fi', finnish);
export const swedishCorpus = (): LabelledCorpus => demoCorpus('hameentie-sv', 'sv', swedish);

/** Every pair's score as the provider's index keeps it (0 when neither lists the other). */
export function pairScores(provider: SimilarityProvider, corpus: LabelledCorpus): Map<string, number> {
  const index = provider.createIndex();
  const added = index.add(corpus.statements);
  if (added instanceof Promise) throw new Error(`pairScores needs a synchronous index, ${provider.name}'s is not`);
  const scores = new Map<string, number>();
  for (const s of corpus.statements) {
    for (const n of index.neighbours(s.tid) ?? []) {
      const key = pairKey(s.tid, n.tid);
      scores.set(key, Math.max(scores.get(key) ?? 0, n.score));
    }
  }
  return scores;
}

export interface Quality {
  duplicates: number;
  truePositives: number;
  falsePositives: number;
  pairs: number;
  precision: number;
  recall: number;
  /** The false positives and misses, for the test's message. */
  errors: string[];
}

/** Precision and recall over every labelled pair of the corpora at `threshold`. */
export function quality(provider: SimilarityProvider, corpora: readonly LabelledCorpus[], threshold: number): Quality {
  const q: Quality = { duplicates: 0, truePositives: 0, falsePositives: 0, pairs: 0, precision: 1, recall: 1, errors: [] };
  for (const corpus of corpora) {
    const scores = pairScores(provider, corpus);
    const text = new Map(corpus.statements.map((s) => [s.tid, s.text]));
    const n = corpus.statements.length;
    q.pairs += (n * (n - 1)) / 2 - corpus.unclear.size;
    q.duplicates += corpus.duplicates.size;
    const say = (kind: string, key: string, score: number) => {
      const [a, b] = key.split('-').map(Number) as [number, number];
      q.errors.push(`${kind} ${corpus.name} ${key} (${score.toFixed(3)}): "${text.get(a)}" / "${text.get(b)}"`);
    };
    for (const [key, score] of scores) {
      if (score < threshold || corpus.unclear.has(key)) continue;
      if (corpus.duplicates.has(key)) q.truePositives++;
      else {
        q.falsePositives++;
        say('false positive', key, score);
      }
    }
    for (const key of corpus.duplicates) if ((scores.get(key) ?? 0) < threshold) say('missed', key, scores.get(key) ?? 0);
  }
  const predicted = q.truePositives + q.falsePositives;
  q.precision = predicted === 0 ? 1 : q.truePositives / predicted;
  q.recall = q.duplicates === 0 ? 1 : q.truePositives / q.duplicates;
  return q;
}
