import { Worker } from 'node:worker_threads';
import { apiError } from '../errors.js';
import { workerEntry, type WorkerEntry } from '../workerEntry.js';
import type { FromImportWorker, ImportInfo, ToImportWorker } from './importJob.js';
import type { ImportRows } from './prepareImport.js';

/** The import worker beside this module (`importWorker.ts` from source, the built `polis/importWorker.js` next to a bundle). */
export function importWorkerEntry(moduleUrl: string = import.meta.url): WorkerEntry {
  return workerEntry(moduleUrl, 'importWorker', ['./importWorker.js', './polis/importWorker.js'], 'import worker');
}

interface Pending {
  resolve: (m: FromImportWorker) => void;
  reject: (e: Error) => void;
}

/**
 * One import's worker thread: `readBody` streams the raw JSON body to it and returns its fields without
 * the file texts (which stay in the worker); `prepare` parses and checks the files and returns
 * typed arrays. One request at a time; `reset` readies it for the next import, `close` ends the thread.
 */
export class ImportParser {
  readonly #worker: Worker;
  #pending: Pending | null = null;
  #closed = false;

  constructor(entry: WorkerEntry = importWorkerEntry()) {
    this.#worker = new Worker(entry.script, { eval: entry.eval ?? false, execArgv: entry.execArgv });
    this.#worker.unref();
    this.#worker.on('message', (message: FromImportWorker) => this.#settle((p) => p.resolve(message)));
    this.#worker.on('error', (error) => this.#settle((p) => p.reject(new Error(`import worker crashed: ${error.message}`))));
    this.#worker.on('exit', (code) => {
      this.#closed = true;
      this.#settle((p) => p.reject(new Error(`import worker exited with code ${code}`)));
    });
  }

  /**
   * Hands the raw body to the worker chunk by chunk as it arrives (joining it here would hold the
   * thread ~0.1 s at 50 MiB) and resolves with its fields, every file text replaced by ''.
   * Refuses a body over `limit` bytes with BODY_TOO_LARGE.
   */
  async readBody(payload: AsyncIterable<Buffer>, limit: number): Promise<unknown> {
    let received = 0;
    for await (const chunk of payload) {
      received += chunk.byteLength;
      if (received > limit) throw apiError('BODY_TOO_LARGE', `the import body is over the limit of ${limit} bytes`);
      if (this.#closed) throw new Error('import worker closed');
      // A copy of just this chunk (a socket chunk may view a larger shared buffer), moved without another copy.
      const bytes = new Uint8Array(chunk);
      this.#worker.postMessage({ type: 'chunk', bytes } satisfies ToImportWorker, [bytes.buffer]);
    }
    const reply = await this.#send({ type: 'end' });
    if (reply.type !== 'body') throw new Error(`import worker answered ${reply.type} to the end of the body`);
    return reply.fields;
  }

  /** Parses and checks the files kept from `readBody`; rejects with IMPORT_INVALID naming file, line and field. `signal` ends the worker. */
  async prepare(request: Omit<Extract<ToImportWorker, { type: 'prepare' }>, 'type'>, signal?: AbortSignal): Promise<{ rows: ImportRows; info: ImportInfo }> {
    const onAbort = () => this.close();
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const reply = await this.#send({ type: 'prepare', ...request });
      if (reply.type !== 'prepared') throw new Error(`import worker answered ${reply.type} to prepare`);
      return { rows: reply.rows, info: reply.info };
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Drops the body and files it holds, so the thread can serve the next import. */
  reset(): void {
    if (this.#closed || this.#pending) return;
    this.#worker.postMessage({ type: 'reset' } satisfies ToImportWorker);
  }

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#settle((p) => p.reject(new Error('import worker closed')));
    void this.#worker.terminate();
  }

  #send(message: ToImportWorker, transfer: ArrayBuffer[] = []): Promise<FromImportWorker> {
    if (this.#closed) return Promise.reject(new Error('import worker closed'));
    if (this.#pending) return Promise.reject(new Error('import worker is busy'));
    return new Promise<FromImportWorker>((resolve, reject) => {
      this.#pending = { resolve, reject };
      this.#worker.postMessage(message, transfer);
    }).then((reply) => {
      if (reply.type === 'failed') throw apiError(reply.code, reply.message);
      return reply;
    });
  }

  #settle(finish: (p: Pending) => void): void {
    const pending = this.#pending;
    this.#pending = null;
    if (pending) finish(pending);
  }
}
