import { participantView, publishedPolisMath, publishResult } from '@kuulo/core';
import { describe, expect, test } from 'vitest';
import type { MathJobInput } from '../../src/math/mathJob.js';
import { findParticipantPlace } from '../../src/math/participantPlaces.js';
import { runMathJob } from '../../src/math/runMathJob.js';
import { twoCamps } from './twoCamps.js';


function job(options: Partial<MathJobInput['options']>, state: string | null = null): MathJobInput {
  return { conversationId: 1, base: { state }, votes: twoCamps(), moderation: [], options: { seed: 7, strictModeration: false, mode: 'polis', bridging: 'auto', pcaRefitShare: 0, ...options }, privacyFloor: 5 };
}

describe('runMathJob', () => {
  test("passes the conversation's mode to core: stable results record it and carry bridging by default", () => {
    const polis = JSON.parse(runMathJob(job({})).output.result);
    const stable = JSON.parse(runMathJob(job({ mode: 'stable' })).output.result);
    expect(polis.options.mode).toBe('polis');
    expect(polis).not.toHaveProperty('bridging');
    expect(polis).not.toHaveProperty('stable');
    expect(stable.options.mode).toBe('stable');
    expect(stable.stable).toBeDefined();
    expect(stable.bridging).toHaveLength(6);
    expect(stable.groups.map((g: { size: number }) => g.size)).toEqual([12, 12]);
  });

  test('a state of the other mode is not warm-started from: the result equals a cold start in the new mode', () => {
    const polisState = runMathJob(job({})).output.state;
    const fromPolisState = runMathJob(job({ mode: 'stable' }, polisState)).output;
    const cold = runMathJob(job({ mode: 'stable' })).output;
    expect(JSON.parse(fromPolisState.result)).toEqual(JSON.parse(cold.result));
    expect(JSON.parse(fromPolisState.state).options.mode).toBe('stable');
    // The same mode continues from the state (tick 2), so the check above is not vacuous.
    expect(JSON.parse(runMathJob(job({}, polisState)).output.result).tick).toBe(2);
  });

  test('passes math.pcaRefitShare to core, also over a restored state saved without it', () => {
    const state = runMathJob(job({})).output.state;
    expect(JSON.parse(state).options.pcaRefitShare).toBe(0);
    const restored = JSON.parse(runMathJob(job({ pcaRefitShare: 0.2 }, state)).output.state);
    expect(restored.tick).toBe(2);
    expect(restored.options.pcaRefitShare).toBe(0.2);
    expect(restored.basis).toBeDefined();
  });

  test('a restored state takes the current bridging setting', () => {
    const state = runMathJob(job({})).output.state;
    const on = JSON.parse(runMathJob(job({ bridging: 'on' }, state)).output.result);
    expect(on.tick).toBe(2);
    expect(on.bridging).toHaveLength(6);
    expect(JSON.parse(runMathJob(job({ bridging: 'auto' }, state)).output.result)).not.toHaveProperty('bridging');
  });

  test('refuses a warm copy computed under other settings', () => {
    const { conversation } = runMathJob(job({}));
    const empty = { pid: new Int32Array(0), tid: new Int32Array(0), vote: new Int8Array(0), time: new Float64Array(0) };
    expect(() => runMathJob({ ...job({ mode: 'stable' }), base: 'cached', votes: empty }, conversation)).toThrow(
      'cached state of conversation 1 has mode polis, bridging auto; expected stable, auto',
    );
  });
  test("stores the participant view of the result and every participant's place, indexed by pid", () => {
    const { output } = runMathJob(job({}));
    const result = JSON.parse(output.result);
    expect(JSON.parse(output.participantView)).toEqual(participantView(result));
    result.participants.forEach((pid: number, row: number) => {
      const place = findParticipantPlace(output.participantPlaces, pid)!;
      expect(place).toMatchObject({ row, group: result.participantGroup[row] });
      expect(place.x).toBeCloseTo(result.participantProjection.x[row], 5);
    });
  });

  test('stores the published result and pca2 under the privacy floor beside the raw ones; places carry the published groups', () => {
    const { output } = runMathJob({ ...job({}), privacyFloor: 13 });
    const result = JSON.parse(output.result);
    expect(result.groups.map((g: { size: number }) => g.size)).toEqual([12, 12]);
    const published = publishResult(result, { floor: 13 });
    expect(JSON.parse(output.publicResult)).toEqual(published);
    expect(JSON.parse(output.publicPolis)).toEqual(publishedPolisMath(published));
    expect(published.groups).toEqual([]);
    expect(JSON.parse(output.participantView)).toEqual(participantView(result, { privacyFloor: 13 }));
    for (const pid of result.participants) expect(findParticipantPlace(output.participantPlaces, pid)!.group).toBeNull();
  });

  test('passes stableMinGroupSize (the privacy floor) to stable mode, also over a restored state', () => {
    const first = runMathJob(job({ mode: 'stable', stableMinGroupSize: 7 }));
    expect(JSON.parse(first.output.result).options.stableMinGroupSize).toBe(7);
    const restored = runMathJob(job({ mode: 'stable', stableMinGroupSize: 9 }, first.output.state));
    expect(JSON.parse(restored.output.result).options.stableMinGroupSize).toBe(9);
  });
});

describe('runMathJob with excluded participants', () => {
  // The votes of twoCamps without participant 3's.
  function withoutThree(): MathJobInput['votes'] {
    const all = twoCamps();
    const keep = Array.from(all.pid.keys()).filter((i) => all.pid[i] !== 3);
    return { pid: Int32Array.from(keep, (i) => all.pid[i]!), tid: Int32Array.from(keep, (i) => all.tid[i]!), vote: Int8Array.from(keep, (i) => all.vote[i]!), time: Float64Array.from(keep, (i) => all.time[i]!) };
  }

  test('a saved state that still places an excluded participant is not restored: the result equals a cold start without them', () => {
    const state = runMathJob(job({})).output.state;
    expect(JSON.parse(state).participants).toContain(3);
    const restarted = runMathJob({ ...job({}, state), votes: withoutThree(), excluded: [3] }).output;
    const cold = runMathJob({ ...job({}), votes: withoutThree() }).output;
    expect(JSON.parse(restarted.result)).toEqual(JSON.parse(cold.result));
    expect(JSON.parse(restarted.result).participants).not.toContain(3);
    // Exclusions the state does not place leave it restored (tick 2).
    expect(JSON.parse(runMathJob({ ...job({}, state), excluded: [99] }).output.result).tick).toBe(2);
  });
});
