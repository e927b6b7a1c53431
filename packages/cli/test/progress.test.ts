import { describe, expect, it } from 'vitest';
import { createProgress } from '../src/progress.js';

describe('createProgress(io, label, total)', () => {
  it('prints a plain line per tenth when stderr is not a terminal', () => {
    let stderr = '';
    const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s), isTTY: false } };
    const progress = createProgress(io, 'reading votes.csv', 20e6, { enabled: true, unit: 'bytes' });
    for (let done = 0; done <= 20e6; done += 3e6) progress.update(done);
    progress.update(20e6);
    progress.stop();
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('reading votes.csv: 10% (3.0 MB of 20.0 MB)');
    expect(lines[9]).toBe('reading votes.csv: 100% (20.0 MB of 20.0 MB)');
  });

  it('prints nothing when disabled', () => {
    let stderr = '';
    const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) } };
    const progress = createProgress(io, 'x', 100, { enabled: false });
    progress.update(100);
    expect(stderr).toBe('');
  });
});
