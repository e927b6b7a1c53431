import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { parsePolisExport } from './polis/parsePolisExport.js';
import { findConversation } from './repositories/conversations.js';
import { importConversation } from './services/importConversation.js';

export const demoConversationId = '15-per-hour-seattle';

/** The bundled demo folder: packages/server/demo, found from source (src/) or a build (dist/). */
export function demoDir(moduleUrl: string = import.meta.url): string {
  for (const candidate of ['../demo/15-per-hour-seattle/', '../../demo/15-per-hour-seattle/']) {
    const dir = fileURLToPath(new URL(candidate, moduleUrl));
    if (existsSync(`${dir}votes.csv`)) return dir;
  }
  throw new Error(`demo data not found near ${fileURLToPath(moduleUrl)} (expected demo/15-per-hour-seattle/)`);
}

/** Imports the demo conversation unless present; returns its moderator key when it was just created. */
export function ensureDemoConversation(app: FastifyInstance): { created: boolean; moderatorKey?: string } {
  if (findConversation(app.db, demoConversationId)) return { created: false };
  const dir = demoDir();
  const read = (name: string) => readFileSync(`${dir}${name}`, 'utf8');
  const data = parsePolisExport({ format: 'polis-csv', files: { 'comments.csv': read('comments.csv'), 'votes.csv': read('votes.csv'), 'summary.csv': read('summary.csv') } });
  const { conversation, moderatorKey } = importConversation(
    app.db,
    { id: demoConversationId, topic: data.topic ?? '$15/hour', description: data.description ?? '', languages: ['en'] },
    data,
    app.kuulo.config.limits,
  );
  app.kuulo.math.touch(conversation.id);
  return { created: true, moderatorKey };
}
