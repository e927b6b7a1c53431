// Worker-thread entry used by bootstrapJob.test.ts: runs a bootstrap job and posts its messages back.
import { parentPort } from 'node:worker_threads';
import { bootstrapJob, type BootstrapJob } from '../../src/uncertainty/bootstrapJob.js';

parentPort!.once('message', (job: BootstrapJob) => {
  bootstrapJob(job, (message) => parentPort!.postMessage(message));
});
