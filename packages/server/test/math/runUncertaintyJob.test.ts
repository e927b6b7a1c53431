import { describe, expect, test } from 'vitest';
import type { MathJobInput } from '../../src/math/mathJob.js';
import { runMathJob } from '../../src/math/runMathJob.js';
import { runUncertaintyJob } from '../../src/math/runUncertaintyJob.js';
import type { UncertaintyJobInput } from '../../src/math/uncertaintyJob.js';

// Two camps of 15 over 8 statements; participant 0 sides with camp B on half the statements.
function votes(): MathJobInput['votes'] {
  const pid: number[] = [];
  const tid: number[] = [];
  const vote: number[] = [];
  for (let p = 0; p < 30; p++) {
    for (let s = 0; s < 8; s++) {
      pid.push(p);
      tid.push(s);
      const campA = p < 15 && !(p === 0 && s % 2 === 0);
      vote.push(campA === s < 4 ? 1 : -1);
    }
  }
  return { pid: Int32Array.from(pid), tid: Int32Array.from(tid), vote: Int8Array.from(vote), time: Float64Array.from(pid, (_, i) => 1000 + i) };
}

function input(mode: 'polis' | 'stable', options: Partial<UncertaintyJobInput['options']> = {}, privacyFloor?: number): UncertaintyJobInput {
  const { output } = runMathJob({ conversationId: 1, base: { state: null }, votes: votes(), moderation: [], options: { seed: 11, strictModeration: false, mode, bridging: 'auto', pcaRefitShare: 0 }, privacyFloor: privacyFloor ?? 5 });
  // The server bootstraps the published result (what GET …/math serves); without a floor, the raw one.
  const reference = privacyFloor === undefined ? output.result : output.publicResult;
  return { conversationId: 1, tick: 1, reference, votes: votes(), moderation: [], options: { resamples: 10, seed: null, unit: 'participants', ...options } };
}

describe('runUncertaintyJob', () => {
  test('bootstraps the stored result under its own mode, reporting progress after every resample', () => {
    const progress: [number, number][] = [];
    const output = runUncertaintyJob(input('stable'), (done, total) => progress.push([done, total]));
    expect(progress).toEqual(Array.from({ length: 10 }, (_, i) => [i + 1, 10]));
    const u = JSON.parse(output.uncertainty);
    expect(u).toMatchObject({ format: 'kuulo-uncertainty@1', mode: 'stable', resamples: 10, seed: 11 });
    expect(output.seed).toBe(11);
    expect(u.membershipConfidence).toHaveLength(30);
    // Clear camps: the 29 loyal members keep their group in nearly every resample.
    const loyal = u.membershipConfidence.slice(1) as number[];
    expect(Math.min(...loyal)).toBeGreaterThanOrEqual(0.9);
    expect(u.bridging.low).toHaveLength(8);
  });

  test('is deterministic for a seed, and the seed matters', () => {
    const a = runUncertaintyJob(input('polis', { seed: 4, unit: 'votes' })).uncertainty;
    expect(runUncertaintyJob(input('polis', { seed: 4, unit: 'votes' })).uncertainty).toBe(a);
    expect(JSON.parse(a)).toMatchObject({ mode: 'polis', unit: 'votes', seed: 4, bridging: null });
    expect(runUncertaintyJob(input('polis', { seed: 5, unit: 'votes' })).uncertainty).not.toBe(a);
  });

  test('bootstraps a published result: uncertainty follows its groups; members of hidden groups get no confidence', () => {
    const published = input('polis', {}, 5);
    const shown = JSON.parse(published.reference);
    const u = JSON.parse(runUncertaintyJob(published).uncertainty);
    expect(u.groups.map((g: { id: number }) => g.id)).toEqual(shown.groups.map((g: { id: number }) => g.id));
    // A floor above both camps hides every group: nothing to be sure of, and nothing fails.
    const hidden = input('polis', {}, 20);
    expect(JSON.parse(hidden.reference).groups).toEqual([]);
    const none = JSON.parse(runUncertaintyJob(hidden).uncertainty);
    expect(none.groups).toEqual([]);
    expect(none.membershipConfidence.every((c: number | null) => c === null)).toBe(true);
  });

  test('refuses votes that do not match the result', () => {
    const job = input('polis');
    const fewer = { pid: job.votes.pid.slice(8), tid: job.votes.tid.slice(8), vote: job.votes.vote.slice(8), time: job.votes.time.slice(8) };
    expect(() => runUncertaintyJob({ ...job, votes: fewer })).toThrow("the result's participant 0 has no votes in the conversation");
  });
});
