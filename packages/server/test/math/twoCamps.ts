import type { MathJobInput } from '../../src/math/mathJob.js';

/** Two camps of 12 participants over 6 statements, in arrival order: a clear two-group conversation. */
export function twoCamps(): MathJobInput['votes'] {
  const pid: number[] = [];
  const tid: number[] = [];
  const vote: number[] = [];
  for (let p = 0; p < 24; p++) {
    for (let s = 0; s < 6; s++) {
      pid.push(p);
      tid.push(s);
      vote.push((p < 12) === (s < 3) ? 1 : -1);
    }
  }
  return { pid: Int32Array.from(pid), tid: Int32Array.from(tid), vote: Int8Array.from(vote), time: Float64Array.from(pid, (_, i) => 1000 + i) };
}
