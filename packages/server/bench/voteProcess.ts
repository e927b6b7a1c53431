// Child process of the big-conversation case: the open-loop votes, in a process of their own so that
// handling the readers' answers cannot delay the votes' timers or their measured answers.
// Protocol (IPC): the parent sends the options to start, then 'stop'; the child answers one VoteProcessResult.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { voteStream, type VoteRecord } from './windowLoad.js';

export interface VoteProcessOptions {
  base: string;
  id: string;
  rate: number;
  tokens: string[];
  statementIds: number[];
}

export interface VoteProcessResult {
  record: VoteRecord;
  /** The longest the child's event loop was held (ms): what the bench itself adds to a vote's time. */
  loopDelayMaxMs: number;
  /** CPU time of this process during the votes (ms). */
  cpuMs: number;
}

let stopped = false;
// Without its parent nobody reads the answer: stop rather than vote on.
process.on('disconnect', () => process.exit(1));
process.on('message', (message: VoteProcessOptions | 'stop') => {
  if (message === 'stop') {
    stopped = true;
    return;
  }
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const cpu = process.cpuUsage();
  void voteStream({ ...message, start: performance.now(), running: () => !stopped }).then((record) => {
    delay.disable();
    const used = process.cpuUsage(cpu);
    const result: VoteProcessResult = { record, loopDelayMaxMs: Math.round(delay.max / 1e5) / 10, cpuMs: Math.round((used.user + used.system) / 1000) };
    process.send!(result, () => process.exit(0));
  });
});
