import { describe, expect, it } from 'vitest';
import { confidenceSummary } from '../src/index';
import { polisResult, uncertainResult } from './helpers/fixtures';

describe('confidenceSummary(result, options)', () => {
  it('counts grouped participants at or above confidentAt, overall and per group, with the median', () => {
    const result = uncertainResult('50ptpt-3gp-strict-no-meta', 'polis');
    const c = result.uncertainty!.membershipConfidence;
    for (const confidentAt of [0.9, 0.5]) {
      const summary = confidenceSummary(result, { confidentAt })!;
      expect(summary.confidentAt).toBe(confidentAt);
      result.groups.forEach((g, k) => {
        const mine = c.filter((v, i) => result.participantGroup[i] === g.id && v !== null) as number[];
        const sorted = [...mine].sort((a, b) => a - b);
        const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
        expect(summary.groups[k]).toEqual({ id: g.id, measured: mine.length, confident: mine.filter((v) => v >= confidentAt).length, median });
      });
      expect(summary.measured).toBe(c.filter((v) => v !== null).length);
      expect(summary.confident).toBe(c.filter((v) => v !== null && v >= confidentAt).length);
    }
    // A lower bar can only admit more participants, and real data has some between the two.
    expect(confidenceSummary(result, { confidentAt: 0.5 })!.confident).toBeGreaterThan(confidenceSummary(result)!.confident);
  });

  it('is null without uncertainty and rejects a confidentAt outside [0, 1]', () => {
    expect(confidenceSummary(polisResult())).toBeNull();
    expect(() => confidenceSummary(uncertainResult(), { confidentAt: 2 })).toThrow('confidenceSummary: options.confidentAt must be a number in [0, 1], got 2');
  });
});
