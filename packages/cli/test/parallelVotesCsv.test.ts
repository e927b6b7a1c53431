import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { concatColumns } from '../src/concatColumns.js';
import { readVotesCsvPartsInParallel } from '../src/parallelVotesCsv.js';
import { hasPrestartedVotesPart, prestartVotesPart } from '../src/prestartVotesPart.js';
import { reloadOrderIds, reloadPartials } from '../src/reloadOrder.js';

// Both threads' parts joined, as one parse would give them (null when the two-thread parse declines).
async function readVotesCsvInParallel(...args: Parameters<typeof readVotesCsvPartsInParallel>) {
  const parts = await readVotesCsvPartsInParallel(...args);
  return parts === null ? null : concatColumns(parts[0], parts[1]);
}
import { readVotes } from '../src/readVotes.js';
import { fixtures } from './runCli.js';

const vtaiwan = `${fixtures}open-data/vtaiwan.uberx/votes.csv`;
const io = { stdout: { write: () => true }, stderr: { write: () => true, isTTY: false } };

function writeTemp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kuulo-csv-')), name);
  writeFileSync(path, text);
  return path;
}

// The one-thread parse: readVotes with the two-thread path switched off.
async function oneThread(path: string, sign: 'export' | 'internal' = 'export') {
  const loaded = await readVotes(path, io, { sign, progress: false, parallelBytes: Infinity });
  if (loaded.format !== 'csv') throw new Error('expected CSV');
  return loaded.columns;
}

const plain = (c: { length: number; participant: Int32Array; statement: Int32Array; vote: Int8Array; time: Float64Array }) => ({
  length: c.length,
  participant: Array.from(c.participant),
  statement: Array.from(c.statement),
  vote: Array.from(c.vote),
  time: Array.from(c.time),
});

describe('votes.csv on two threads', () => {
  it('gives exactly the one-thread columns on a real export (vtaiwan.uberx, 2.6 MB), LF and CRLF, both signs', async () => {
    const crlf = writeTemp('votes.csv', readFileSync(vtaiwan, 'utf8').replace(/\n/g, '\r\n'));
    for (const path of [vtaiwan, crlf]) {
      for (const sign of ['export', 'internal'] as const) {
        const size = readFileSync(path).length;
        const two = await readVotesCsvInParallel(path, size, { sign, minBytes: 0 });
        expect(two).not.toBeNull();
        expect(plain(two!)).toEqual(plain(await oneThread(path, sign)));
      }
    }
  });

  it('gives the one-thread columns for short rows too (the first half then has no spare room for the second)', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `${i},${i % 9},${i % 17},${(i % 3) - 1}`);
    const path = writeTemp('votes.csv', `timestamp,comment-id,voter-id,vote\n${rows.join('\n')}\n`);
    const two = await readVotesCsvInParallel(path, readFileSync(path).length, { sign: 'export', minBytes: 0 });
    expect(two).not.toBeNull();
    expect(plain(two!)).toEqual(plain(await oneThread(path)));
  });

  it('reports progress up to the file size', async () => {
    const size = readFileSync(vtaiwan).length;
    const seen: number[] = [];
    await readVotesCsvInParallel(vtaiwan, size, { sign: 'export', minBytes: 0, onProgress: (read) => seen.push(read) });
    // The two halves' bytes together: the whole file, counted once.
    expect(Math.max(...seen)).toBe(size);
  });

  it('calls whileWaiting once, after this thread\'s part, before the other part is taken', async () => {
    const size = readFileSync(vtaiwan).length;
    const events: string[] = [];
    const parts = await readVotesCsvPartsInParallel(vtaiwan, size, {
      sign: 'export',
      minBytes: 0,
      onProgress: (read) => events.push(read === size ? 'all read' : 'read'),
      whileWaiting: () => events.push('waiting'),
    });
    expect(parts).not.toBeNull();
    expect(events.filter((e) => e === 'waiting')).toHaveLength(1);
    // After this thread's own reading.
    expect(events.indexOf('waiting')).toBeGreaterThan(0);
    // One thread: never called.
    let called = false;
    await readVotes(vtaiwan, io, { sign: 'export', progress: false, parallelBytes: Infinity, whileWaiting: () => (called = true) });
    expect(called).toBe(false);
  });

  it('gives up (null) on a bad row in the second half, and readVotes then names its true line', async () => {
    const lines = readFileSync(vtaiwan, 'utf8').split('\n');
    const bad = Math.floor(lines.length * 0.75);
    lines[bad] = lines[bad]!.replace(/,(-?1|0)$/, ',7');
    const path = writeTemp('votes.csv', lines.join('\n'));
    expect(await readVotesCsvInParallel(path, readFileSync(path).length, { sign: 'export', minBytes: 0 })).toBeNull();
    const both = await readVotes(path, io, { sign: 'export', progress: false, parallelBytes: 0 }).catch((e: Error) => e.message);
    const one = await oneThread(path).catch((e: Error) => e.message);
    expect(typeof both).toBe('string');
    expect(both).toBe(one);
    expect(both).toContain(`line ${bad + 1}`);
  });

  it('falls back when the middle falls inside a quoted line break, with the one-thread result', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${1700000000000 + i},"Tue Nov 14",${i % 7},${i % 13},${(i % 3) - 1}`);
    const head = 'timestamp,datetime,comment-id,voter-id,vote\n';
    // Put a quoted line break right after the middle byte, so the first line end after the middle is inside quotes.
    const text = head + rows.join('\n') + '\n';
    const middle = Math.floor(text.length / 2);
    const rowStart = text.lastIndexOf('\n', middle) + 1;
    const rowEnd = text.indexOf('\n', rowStart);
    const row = text.slice(rowStart, rowEnd);
    const padded = row.replace('"Tue Nov 14"', `"Tue${' '.repeat(Math.max(0, middle - rowStart))}\nNov 14"`);
    const path = writeTemp('votes.csv', text.slice(0, rowStart) + padded + text.slice(rowEnd));
    const size = readFileSync(path).length;
    const two = await readVotesCsvInParallel(path, size, { sign: 'export', minBytes: 0 });
    const one = await oneThread(path);
    expect(one.length).toBe(200);
    expect(two).toBeNull(); // the first half ends inside an open quote
    const viaReadVotes = await readVotes(path, io, { sign: 'export', progress: false, parallelBytes: 0 });
    expect(viaReadVotes.format === 'csv' && plain(viaReadVotes.columns)).toEqual(plain(one));
  });

  it('takes the worker started before the CLI was loaded (bin), with the same columns', async () => {
    prestartVotesPart(['analyze', vtaiwan], 0);
    expect(hasPrestartedVotesPart()).toBe(true);
    const two = await readVotesCsvInParallel(vtaiwan, readFileSync(vtaiwan).length, { sign: 'export', minBytes: 0 });
    expect(hasPrestartedVotesPart()).toBe(false);
    expect(plain(two!)).toEqual(plain(await oneThread(vtaiwan)));
    // Not for --threads 1, nor for files below the size.
    prestartVotesPart(['analyze', vtaiwan, '--threads', '1'], 0);
    prestartVotesPart(['analyze', vtaiwan]);
    expect(hasPrestartedVotesPart()).toBe(false);
  });

  it('leaves small files to one thread (default 64 MB) and files with no line after the middle', async () => {
    expect(await readVotesCsvInParallel(vtaiwan, readFileSync(vtaiwan).length, { sign: 'export' })).toBeNull();
    const path = writeTemp('votes.csv', 'timestamp,datetime,comment-id,voter-id,vote\n1,x,1,1,1');
    expect(await readVotesCsvInParallel(path, readFileSync(path).length, { sign: 'export', minBytes: 0 })).toBeNull();
  });
});

describe('the reload order from two threads', () => {
  it("each thread summarises its own part (reloadPartials), and the merged ids equal the one-thread file's", async () => {
    const size = readFileSync(vtaiwan).length;
    const parts = await readVotesCsvPartsInParallel(vtaiwan, size, { sign: 'export', minBytes: 0 });
    expect(parts).not.toBeNull();
    expect(parts!.every((p) => reloadPartials.has(p))).toBe(true);
    // The worker's part comes in shared memory, for the conversation's helper thread to check and map in place.
    expect(parts![1].participant.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(parts![1].vote.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(reloadOrderIds(parts!)).toEqual(reloadOrderIds(await oneThread(vtaiwan)));
  });
});
