// Worker thread entry: runs the core math for one conversation at a time, off the request thread.
// The same script serves the pool's recompute jobs and the dedicated bootstrap threads (one build entry).
import { parentPort } from 'node:worker_threads';
import type { Conversation } from '@kuulo/core';
import type { FromWorker, ToWorker } from './mathJob.js';
import { runMathJob } from './runMathJob.js';
import { runUncertaintyJob } from './runUncertaintyJob.js';
import type { FromUncertaintyWorker, ToUncertaintyWorker } from './uncertaintyJob.js';

if (!parentPort) throw new Error('math worker must run in a worker thread');
const port = parentPort;
// Conversations kept warm between jobs; the pool decides what stays (it sends 'evict').
const cache = new Map<number, Conversation>();

port.on('message', (message: ToWorker | ToUncertaintyWorker) => {
  if (message.type === 'evict') {
    cache.delete(message.conversationId);
    return;
  }
  if (message.type === 'bootstrap') {
    const { id, job } = message;
    const post = (m: FromUncertaintyWorker) => port.postMessage(m);
    try {
      const output = runUncertaintyJob(job, (done, total) => post({ type: 'progress', id, done, total }));
      post({ type: 'bootstrapped', id, output });
    } catch (error) {
      post({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  const { id, job } = message;
  try {
    const cached = job.base === 'cached' ? cache.get(job.conversationId) : undefined;
    if (job.base === 'cached' && !cached) throw new Error(`worker has no cached state for conversation ${job.conversationId}`);
    const { conversation, output } = runMathJob(job, cached);
    cache.set(job.conversationId, conversation);
    // The places blob moves to the main thread instead of being copied.
    port.postMessage({ type: 'done', id, output } satisfies FromWorker, [output.participantPlaces.buffer as ArrayBuffer]);
  } catch (error) {
    cache.delete(job.conversationId);
    port.postMessage({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) } satisfies FromWorker);
  }
});
