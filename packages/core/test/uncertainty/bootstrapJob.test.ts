import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { Conversation } from '../../src/conversation/conversation.js';
import { bootstrap } from '../../src/uncertainty/bootstrap.js';
import { bootstrapJob, type BootstrapMessage } from '../../src/uncertainty/bootstrapJob.js';
import { plantedConversation } from '../helpers/synthetic.js';

describe('bootstrapJob(job, post)', () => {
  const conversation = new Conversation({ mode: 'stable' });
  conversation.addVotes(plantedConversation({ participants: 150, statements: 20 }).votes);
  const result = conversation.update();
  const job = { state: JSON.stringify(conversation.serialize()), reference: JSON.stringify(result), options: { resamples: 4 } };

  it('takes JSON, posts progress then the answer, and equals bootstrap()', () => {
    const messages: BootstrapMessage[] = [];
    const answer = bootstrapJob(job, (m) => messages.push(m));
    expect(messages.map((m) => (m.type === 'progress' ? m.done : 'done'))).toEqual([1, 2, 3, 4, 'done']);
    expect(answer).toEqual(bootstrap(conversation, { resamples: 4 }));
    expect(messages.at(-1)).toEqual({ type: 'done', uncertainty: answer });
  });

  it('runs in a worker thread and reports progress across it', async () => {
    // Node 20 ignores --import hooks for a worker's entry, so register tsx inside the worker first.
    const tsx = createRequire(import.meta.url).resolve('tsx/package.json').replace(/package\.json$/, 'dist/esm/api/index.mjs');
    const entry = new URL('./bootstrapWorker.ts', import.meta.url).href;
    const worker = new Worker(`import(${JSON.stringify(pathToFileURL(tsx).href)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`, { eval: true });
    const messages: BootstrapMessage[] = [];
    const done = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: BootstrapMessage) => (messages.push(m), m.type === 'done' && resolve()));
      worker.on('error', reject);
    });
    worker.postMessage(job);
    await done;
    await worker.terminate();
    expect(messages.filter((m) => m.type === 'progress').length).toBe(4);
    const last = messages.at(-1)!;
    expect(last.type === 'done' && last.uncertainty).toEqual(bootstrapJob(job));
  });
});
