// Precision and recall of the duplicate finder on the labelled set (duplicateSet.ts) at the default
// threshold, per language. Every pair of each corpus counts, so precision includes the many ordinary
// non-duplicates. Measured values are in the README's duplicate finder section; the floors below sit
// a little under them so that a change that makes the finder worse fails here.
import { describe, expect, test } from 'vitest';
import { lexicalProvider } from '../../src/similarity/provider.js';
import { englishCorpora, finnishCorpus, quality, swedishCorpus, type LabelledCorpus } from './labelledSets.js';

const provider = lexicalProvider();
const threshold = provider.duplicateThreshold;

const cases: [string, () => LabelledCorpus[], { precision: number; recall: number }][] = [
  ['English (4 open-data conversations, 349 statements)', englishCorpora, { precision: 0.65, recall: 0.85 }],
  ['Finnish (demo + rewordings, 28 statements)', () => [finnishCorpus()], { precision: 0.9, recall: 0.7 }],
  ['Swedish (demo + rewordings, 28 statements)', () => [swedishCorpus()], { precision: 0.9, recall: 0.7 }],
];

describe('duplicate finder quality at the default threshold', () => {
  test('the threshold is 0.5', () => {
    expect(threshold).toBe(0.5);
  });

  test.each(cases)('%s', (_name, corpora, floor) => {
    const q = quality(provider, corpora(), threshold);
    const summary = `precision ${q.precision.toFixed(3)} (${q.truePositives}/${q.truePositives + q.falsePositives}), recall ${q.recall.toFixed(3)} (${q.truePositives}/${q.duplicates}) over ${q.pairs} pairs\n${q.errors.join('\n')}`;
    expect(q.precision, summary).toBeGreaterThanOrEqual(floor.precision);
    expect(q.recall, summary).toBeGreaterThanOrEqual(floor.recall);
  });

  test('the labelled set is what the README says', () => {
    const en = englishCorpora();
    expect(en.reduce((n, c) => n + c.statements.length, 0)).toBe(349);
    expect(en.reduce((n, c) => n + c.duplicates.size, 0)).toBe(21);
    expect([finnishCorpus(), swedishCorpus()].map((c) => [c.statements.length, c.duplicates.size])).toEqual([
      [28, 12],
      [28, 12],
    ]);
  });
});
