import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkBytes, forEachFileChunk } from '../src/fileChunks.js';

describe('forEachFileChunk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kuulo-chunks-'));
  const bytes = Uint8Array.from({ length: 2 * chunkBytes + 12345 }, (_, i) => (i * 7919) % 251);
  const path = join(dir, 'file.bin');
  writeFileSync(path, bytes);

  // Copies each piece: the buffers are reused, as the contract says.
  async function collect(range?: { start?: number; end?: number }): Promise<{ joined: Uint8Array; pieces: number }> {
    const parts: Uint8Array[] = [];
    await forEachFileChunk(path, (chunk) => void parts.push(chunk.slice()), range);
    const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) joined.set(p, (at += p.length) - p.length);
    return { joined, pieces: parts.length };
  }

  it('gives the whole file in order, across pieces, with reused buffers copied by the caller', async () => {
    const { joined, pieces } = await collect();
    expect(pieces).toBe(3);
    expect(Buffer.compare(joined, bytes)).toBe(0);
  });

  it('gives exactly [start, end) and reads nothing past end', async () => {
    const { joined } = await collect({ start: 1000, end: chunkBytes + 5 });
    expect(Buffer.compare(joined, bytes.subarray(1000, chunkBytes + 5))).toBe(0);
    const tail = await collect({ start: bytes.length - 10 });
    expect([...tail.joined]).toEqual([...bytes.subarray(bytes.length - 10)]);
    expect((await collect({ start: bytes.length })).pieces).toBe(0);
  });

  it('reads an empty file as no pieces, and passes an error from the callback on', async () => {
    const empty = join(dir, 'empty.bin');
    writeFileSync(empty, '');
    let calls = 0;
    await forEachFileChunk(empty, () => calls++);
    expect(calls).toBe(0);
    await expect(
      forEachFileChunk(path, () => {
        throw new Error('stop here');
      }),
    ).rejects.toThrow('stop here');
    await expect(forEachFileChunk(join(dir, 'missing.bin'), () => undefined)).rejects.toThrow(/ENOENT/);
  });
});
