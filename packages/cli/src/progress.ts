import cliProgress from 'cli-progress';
import type { CliIo } from './cliIo.js';

export interface Progress {
  /** Reports `done` units of `total`. */
  update(done: number): void;
  stop(): void;
}

const silent: Progress = { update() {}, stop() {} };

/**
 * Progress of one long step on stderr: a cli-progress bar when stderr is a terminal, otherwise a
 * plain line at every 10 % so logs stay readable. `enabled: false` prints nothing.
 */
export function createProgress(io: CliIo, label: string, total: number, options: { enabled: boolean; unit?: 'bytes' | 'items' }): Progress {
  if (!options.enabled || total <= 0) return silent;
  const format = (n: number) => (options.unit === 'bytes' ? `${(n / 1e6).toFixed(1)} MB` : String(n));
  if (io.stderr.isTTY && io.stderr === process.stderr) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`, formatValue: (v, _o, type) => (type === 'value' || type === 'total' ? format(v) : String(v)), stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }
  let nextTenth = 1;
  return {
    update(done) {
      while (nextTenth <= 10 && done >= (total * nextTenth) / 10) {
        io.stderr.write(`${label}: ${nextTenth * 10}% (${format(done)} of ${format(total)})\n`);
        nextTenth++;
      }
    },
    stop() {},
  };
}
