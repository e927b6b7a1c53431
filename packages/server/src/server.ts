#!/usr/bin/env node
// Command line entry: parses flags, builds the app and listens. Everything else lives in app.ts.
import { parseArgs } from 'node:util';
import type { ServerConfig } from './config.js';

const usage = `kuulo-server [options]
  --port <n>                 port (env PORT, default 3000; 0 picks a free one)
  --host <addr>              address (env HOST, default 127.0.0.1)
  --db <path>                SQLite file (env KUULO_DB, default ./.kuulo-data/kuulo.db)
  --demo                     import the bundled demo conversation if missing; print its URL
  --admin-key <key>          admin key (env KUULO_ADMIN_KEY; default generated once and printed)
  --cors <origins>           '*' (default), 'off', or comma-separated origins
  --synchronous <mode>       NORMAL (default: commits survive a killed process) or FULL (also power loss)
  --workers <n>              math worker threads (default 2)
  --debounce-ms <n>          math debounce after votes (default 500)
  --rate-per-address <n>     writes per minute per address, 0 = off (default 600)
  --rate-per-participant <n> writes per minute per participant, 0 = off (default 120)
  --public-url <url>         base URL written into exports
  --trust-proxy              trust X-Forwarded-For
  --log                      request logging
  --help`;

function intFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`--${name} must be an integer, got ${JSON.stringify(value)}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      demo: { type: 'boolean' },
      'admin-key': { type: 'string' },
      cors: { type: 'string' },
      synchronous: { type: 'string' },
      workers: { type: 'string' },
      'debounce-ms': { type: 'string' },
      'rate-per-address': { type: 'string' },
      'rate-per-participant': { type: 'string' },
      'public-url': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      log: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const env = process.env;
  const cors = values.cors ?? env.KUULO_CORS;
  const config: ServerConfig = {
    dbPath: values.db ?? env.KUULO_DB,
    adminKey: values['admin-key'] ?? env.KUULO_ADMIN_KEY,
    cors: cors === undefined || cors === '*' ? true : cors === 'off' ? false : cors.split(',').map((s) => s.trim()),
    synchronous: values.synchronous?.toUpperCase() as ServerConfig['synchronous'],
    logger: values.log ?? false,
    trustProxy: values['trust-proxy'] ?? false,
    publicUrl: values['public-url'],
    rateLimit: { perAddress: intFlag('rate-per-address', values['rate-per-address']), perParticipant: intFlag('rate-per-participant', values['rate-per-participant']) },
    math: { workers: intFlag('workers', values.workers), debounceMs: intFlag('debounce-ms', values['debounce-ms']) },
  };
  const port = intFlag('port', values.port ?? env.PORT) ?? 3000;
  const host = values.host ?? env.HOST ?? '127.0.0.1';

  // Loaded after the flags are read, so --help and flag errors answer at once.
  const { buildApp } = await import('./app.js');
  const { demoConversationId, ensureDemoConversation } = await import('./demo.js');
  const app = await buildApp(config);
  const demo = values.demo ? ensureDemoConversation(app) : undefined;
  const address = await app.listen({ port, host });
  const url = address.replace('://0.0.0.0', '://localhost').replace('://[::]', '://localhost');
  console.log(`Kuulo listening on ${url} (database ${app.kuulo.config.dbPath})`);
  console.log(`API docs: ${url}/docs`);
  if (app.kuulo.createdAdminKey) console.log(`Admin key (shown once, stored hashed): ${app.kuulo.createdAdminKey}`);
  if (demo) {
    console.log(`Demo conversation: ${url}/c/${demoConversationId}  (report: ${url}/c/${demoConversationId}/report, moderate: ${url}/c/${demoConversationId}/moderate)`);
    if (demo.moderatorKey) console.log(`Demo moderator key (shown once, stored hashed): ${demo.moderatorKey}`);
    else console.log('Demo already imported; moderate it with its moderator key or the admin key.');
  }
  const stop = async (signal: string) => {
    console.log(`${signal}: closing`);
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
