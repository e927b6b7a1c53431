import type { ErrorCode } from '../errors.js';
import type { ImportRows } from './prepareImport.js';

/** What an import takes from the export besides rows (the request body's fields win over these). */
export interface ImportInfo {
  topic?: string;
  description?: string;
  strictModeration?: boolean;
  mode?: 'polis' | 'stable';
}

/**
 * Messages to the import worker: the raw body as it arrives (`chunk`, no reply) up to `end`, then
 * (once its fields are validated) what to parse; `reset` drops what it holds (no reply).
 */
export type ToImportWorker =
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'end' }
  | { type: 'reset' }
  | { type: 'prepare'; format: 'polis-csv' | 'polis-json'; sign: 'auto' | 'export' | 'internal'; limits: { statementsPerConversation: number } };

/** Replies: the body with every file text replaced by '' (for the route's schema), the prepared rows, or an error to report. */
export type FromImportWorker =
  | { type: 'body'; fields: unknown }
  | { type: 'prepared'; rows: ImportRows; info: ImportInfo }
  | { type: 'failed'; code: ErrorCode; message: string };
