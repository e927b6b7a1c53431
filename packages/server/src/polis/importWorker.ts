// Worker thread entry: parses and checks one import off the request thread. JSON.parse of a 50 MiB
// body alone takes ~0.3 s and parsing 1 M votes several seconds, all of which would stall every request.
import { parentPort } from 'node:worker_threads';
import { PolisDataError } from '@kuulo/core';
import { ApiError } from '../errors.js';
import { refuseIllFormed } from '../services/wellFormed.js';
import type { FromImportWorker, ToImportWorker } from './importJob.js';
import { parsePolisExport, type PolisExportFiles } from './parsePolisExport.js';
import { prepareImport } from './prepareImport.js';

if (!parentPort) throw new Error('import worker must run in a worker thread');
const port = parentPort;
const post = (message: FromImportWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
let chunks: Uint8Array[] = [];
let body: { files?: unknown } | null = null;

// The body without the file texts: a string becomes '' so the route's schema still checks names and types.
function fieldsOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const { files, ...rest } = value as Record<string, unknown>;
  if (files === undefined) return rest;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) return { ...rest, files };
  return { ...rest, files: Object.fromEntries(Object.entries(files).map(([name, text]) => [name, typeof text === 'string' ? '' : text])) };
}

port.on('message', (message: ToImportWorker) => {
  if (message.type === 'reset') {
    chunks = [];
    body = null;
    return;
  }
  if (message.type === 'chunk') {
    chunks.push(message.bytes);
    return;
  }
  try {
    if (message.type === 'end') {
      // Joining 50 MiB takes ~0.1 s: here rather than on the request thread.
      const text = Buffer.concat(chunks).toString('utf8');
      chunks = [];
      if (text.length === 0) throw new ApiError('MALFORMED_BODY', "Body cannot be empty when content-type is set to 'application/json'");
      try {
        body = JSON.parse(text) as { files?: unknown };
      } catch (error) {
        throw new ApiError('MALFORMED_BODY', `body is not valid JSON: ${(error as Error).message}`);
      }
      // The app's preValidation check only sees the fields handed back: the file texts are checked here.
      refuseIllFormed({ body });
      post({ type: 'body', fields: fieldsOf(body) });
      return;
    }
    if (!body) throw new Error('import worker got prepare before a body');
    // As the route's schema coerced them (a number to its digits, null to '').
    const files = Object.fromEntries(Object.entries(body.files as Record<string, unknown>).map(([name, v]) => [name, typeof v === 'string' ? v : v === null ? '' : String(v)]));
    const data = parsePolisExport({ format: message.format, files } as PolisExportFiles, message.sign);
    body = null;
    const rows = prepareImport(data, message.limits);
    const info = { topic: data.topic, description: data.description, strictModeration: data.strictModeration, mode: data.mode };
    const { pid, tid, vote, createdAt } = rows.votes;
    post({ type: 'prepared', rows, info }, [rows.participants.buffer, pid.buffer, tid.buffer, vote.buffer, createdAt.buffer] as ArrayBuffer[]);
  } catch (error) {
    if (error instanceof ApiError) post({ type: 'failed', code: error.code, message: error.message });
    else if (error instanceof PolisDataError) post({ type: 'failed', code: 'IMPORT_INVALID', message: error.message });
    else throw error;
  }
});
