import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import type { MathJobInput } from '../../src/math/mathJob.js';
import { defaultWorkerEntry, WorkerPool } from '../../src/math/workerPool.js';
import { twoCamps } from './twoCamps.js';

const pools: WorkerPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});


function job(conversationId: number, base: MathJobInput['base'] = { state: null }): MathJobInput {
  return { conversationId, base, votes: twoCamps(), moderation: [], options: { seed: 7, strictModeration: false, mode: 'polis', bridging: 'auto', pcaRefitShare: 0 }, privacyFloor: 5 };
}

// A stand-in worker: crashes on conversation 666, hangs on 777, answers everything else.
const fakeWorker = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.type !== 'run') return;
  if (m.job.conversationId === 666) process.exit(3);
  if (m.job.conversationId === 777) return;
  parentPort.postMessage({ type: 'done', id: m.id, output: { result: '{}', polis: '{}', state: '{}', priorities: '{}', groups: 0, durationMs: 1 } });
});`;

describe('WorkerPool', () => {
  test('runs the real math in a worker thread from TypeScript source (tsx)', async () => {
    const pool = new WorkerPool({ size: 1, timeoutMs: 60_000 });
    pools.push(pool);
    const output = await pool.run(1, 0, () => job(1));
    const result = JSON.parse(output.result);
    expect(result.groups.map((g: { size: number }) => g.size).sort()).toEqual([12, 12]);
    expect(output.groups).toBe(2);
    expect(JSON.parse(output.polis)['group-clusters']).toHaveLength(2);
    expect(JSON.parse(output.state).format).toBe('kuulo-state@1');
    expect(JSON.parse(output.state).votes).toBeNull();
    expect(Object.keys(JSON.parse(output.priorities))).toHaveLength(6);
  });

  test('a warm worker continues from its cached conversation; a cold one restores the state', async () => {
    const pool = new WorkerPool({ size: 1, timeoutMs: 60_000 });
    pools.push(pool);
    const first = await pool.run(1, 0, () => job(1));
    pool.markCached(1, 1);
    const asked: string[] = [];
    const empty = { pid: new Int32Array(0), tid: new Int32Array(0), vote: new Int8Array(0), time: new Float64Array(0) };
    const warm = await pool.run(1, 1, (base) => {
      asked.push(base);
      return { ...job(1, 'cached'), votes: empty };
    });
    const coldPool = new WorkerPool({ size: 1, timeoutMs: 60_000 });
    pools.push(coldPool);
    const cold = await coldPool.run(1, 1, (base) => {
      asked.push(base);
      return job(1, { state: first.state });
    });
    expect(asked).toEqual(['cached', 'state']);
    expect(JSON.parse(cold.result).participantGroup).toEqual(JSON.parse(warm.result).participantGroup);
    expect(JSON.parse(cold.result).tick).toBe(2);
  });

  test('a crashing worker fails only its job and is replaced', async () => {
    const pool = new WorkerPool({ size: 1, timeoutMs: 10_000, entry: { script: fakeWorker, eval: true, execArgv: [] } });
    pools.push(pool);
    await expect(pool.run(666, 0, () => job(666))).rejects.toThrow('math worker exited with code 3');
    await expect(pool.run(1, 0, () => job(1))).resolves.toMatchObject({ groups: 0 });
    expect(pool.size).toBe(1);
  });

  test('a hung job times out and the next job still runs', async () => {
    const pool = new WorkerPool({ size: 1, timeoutMs: 300, entry: { script: fakeWorker, eval: true, execArgv: [] } });
    pools.push(pool);
    const hung = pool.run(777, 0, () => job(777));
    const other = pool.run(2, 0, () => job(2));
    await expect(hung).rejects.toThrow('math timed out after 300 ms');
    await expect(other).resolves.toMatchObject({ durationMs: 1 });
  });

  test('two workers compute two conversations at once; a slow one does not hold up the other', async () => {
    const pool = new WorkerPool({ size: 2, timeoutMs: 1000, entry: { script: fakeWorker, eval: true, execArgv: [] } });
    pools.push(pool);
    const hung = pool.run(777, 0, () => job(777)).catch((e: Error) => e.message);
    const t0 = Date.now();
    await pool.run(3, 0, () => job(3));
    expect(Date.now() - t0).toBeLessThan(900);
    expect(await hung).toContain('timed out');
  });

  test('close() rejects queued jobs', async () => {
    const pool = new WorkerPool({ size: 1, timeoutMs: 5000, entry: { script: fakeWorker, eval: true, execArgv: [] } });
    const hung = pool.run(777, 0, () => job(777)).catch((e: Error) => e.message);
    const queued = pool.run(4, 0, () => job(4)).catch((e: Error) => e.message);
    await pool.close();
    expect(await hung).toBe('math worker pool closed');
    expect(await queued).toBe('math worker pool closed');
    await expect(pool.run(5, 0, () => job(5))).rejects.toThrow('math worker pool is closed');
  });

  test('runs from a tsup build: worker.js beside the bundle is found and works without tsx', async () => {
    const { build } = await import('tsup');
    const out = mkdtempSync(join(tmpdir(), 'kuulo-build-'));
    try {
      await build({
        entry: { worker: fileURLToPath(new URL('../../src/math/worker.ts', import.meta.url)), pool: fileURLToPath(new URL('../../src/math/workerPool.ts', import.meta.url)) },
        format: ['esm'],
        outDir: out,
        platform: 'node',
        target: 'node20',
        config: false,
        silent: true,
        dts: false,
        noExternal: ['@kuulo/core'],
        esbuildOptions: (o) => {
          o.conditions = ['@kuulo/source'];
        },
      });
      const built = (await import(pathToFileURL(join(out, 'pool.js')).href)) as typeof import('../../src/math/workerPool.js');
      const entry = built.defaultWorkerEntry(pathToFileURL(join(out, 'pool.js')).href);
      expect(entry).toEqual({ script: pathToFileURL(join(out, 'worker.js')), execArgv: [] });
      const pool = new built.WorkerPool({ size: 1, timeoutMs: 60_000, entry });
      pools.push(pool as unknown as WorkerPool);
      const output = await pool.run(1, 0, () => job(1));
      expect(output.groups).toBe(2);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('the source entry bootstraps tsx and the source condition', () => {
    const entry = defaultWorkerEntry(new URL('../../src/math/workerPool.ts', import.meta.url).href);
    expect(entry.eval).toBe(true);
    expect(entry.execArgv).toEqual(['--conditions=@kuulo/source']);
    expect(entry.script).toContain('worker.ts');
    expect(() => defaultWorkerEntry('file:///nowhere/pool.js')).toThrow('math worker script not found next to file:///nowhere/pool.js');
  });
});
