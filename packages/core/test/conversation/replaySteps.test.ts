import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaySteps, type ReplayOptions, type ReplayStep } from '../../src/conversation/replay.js';
import { parsePolisCommentsJson } from '../../src/load/parsePolisCommentsJson.js';
import { parsePolisVotesJson } from '../../src/load/parsePolisVotesJson.js';
import { fixturesDir } from '../helpers/fixtures.js';

const dir = `${fixturesDir}polis-math-fixtures/25ptpt-3gp-no-strict-with-meta/`;
const votes = parsePolisVotesJson(readFileSync(`${dir}votes.json`, 'utf8'));
const moderation = parsePolisCommentsJson(readFileSync(`${dir}comments.json`, 'utf8')).moderation;

function run(options: ReplayOptions): { steps: ReplayStep[]; result: unknown } {
  const steps: ReplayStep[] = [];
  const generator = replaySteps(votes, options);
  for (;;) {
    const next = generator.next();
    if (next.done) return { steps, result: next.value };
    steps.push(next.value);
  }
}

describe('replaySteps(votes, options)', () => {
  it.each<[string, ReplayOptions, number]>([
    ['batches with the final restart', { batches: 30, moderation, seed: 3 }, 31],
    ['batch size without the final restart', { batchSize: 40, finalRestart: false, moderation }, Math.ceil(votes.length / 40)],
  ])('returns the last step\'s result with the protocol recorded (%s)', (_, options, count) => {
    const { steps, result } = run(options);
    expect(steps).toHaveLength(count);
    const last = steps[steps.length - 1]!.result;
    expect(JSON.stringify({ ...last, replay: null })).toBe(JSON.stringify({ ...(result as typeof last), replay: null }));
    expect((result as typeof last).replay).toMatchObject({ finalRestart: options.finalRestart ?? true, ticks: last.tick });
  });

  it('yields one step per batch with the votes fed so far, then the restart tick', () => {
    const { steps } = run({ batchSize: 100, moderation });
    const batches = Math.ceil(votes.length / 100);
    expect(steps).toHaveLength(batches + 1);
    expect(steps.map((s) => s.votes)).toEqual([...Array.from({ length: batches }, (_, i) => Math.min(votes.length, (i + 1) * 100)), votes.length]);
    expect(steps.map((s) => s.restart)).toEqual([...new Array(batches).fill(false), true]);
    expect(steps.map((s) => s.result.tick)).toEqual(Array.from({ length: batches + 1 }, (_, i) => i + 1));
    expect(steps.every((s) => s.total === votes.length)).toBe(true);
  });
});
