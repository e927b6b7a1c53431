#!/usr/bin/env node
// Command line entry: parses flags, builds the app and listens. Everything else lives in app.ts.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ServerConfig } from './config.js';
import { redactUrl } from './db/db.js';
import { translationFromFlags } from './translation/flags.js';

const usage = `kuulo-server [options]
  --port <n>                 port (env PORT, default 3000; 0 picks a free one)
  --host <addr>              address (env HOST, default 127.0.0.1)
  --db <path|url>            SQLite file, or a postgres:// URL that several instances may share
                             (env KUULO_DB, default ./.kuulo-data/kuulo.db)
  --demo                     import the bundled demo conversation and a three-language (fi, sv, en) one
                             if missing; print their URLs
  --admin-key-file <path>    file holding the admin key (env KUULO_ADMIN_KEY_FILE), or set env KUULO_ADMIN_KEY;
                             default generated once and printed. There is no --admin-key: ps would show it
  --cors <origins>           '*' (default), 'off', or comma-separated origins
  --synchronous <mode>       SQLite: NORMAL (default: commits survive a killed process) or FULL (also power loss)
  --workers <n>              math worker threads (default 2)
  --debounce-ms <n>          math debounce after votes (default 500)
  --rate-per-address <n>     writes per minute per address, 0 = off (default 600)
  --rate-per-participant <n> writes per minute per participant, 0 = off (default 120)
  --statements-per-participant <n>  statements one participant may submit to a conversation (default 50)
  --max-connections <n>      open connections the server accepts at once (default 10000)
  --public-url <url>         base URL written into exports
  --trust-proxy <hops|list>  behind a reverse proxy (env KUULO_TRUST_PROXY): the number of proxies in front
                             (1 for one nginx) or the proxies' addresses/CIDRs, e.g. 127.0.0.1,10.0.0.0/8
  --translation-provider <p> machine translation for conversations that opt in: libretranslate or openai
                             (env KUULO_TRANSLATION_PROVIDER; default off)
  --translation-url <url>    the provider's base URL, e.g. http://localhost:5000 or https://api.openai.com/v1
                             (env KUULO_TRANSLATION_URL)
  --translation-key-file <path>  file holding the provider's API key (env KUULO_TRANSLATION_KEY_FILE)
  --translation-model <name> model for the openai provider, e.g. gpt-4o-mini (env KUULO_TRANSLATION_MODEL)
  --log                      request logging
  --help`;

function intFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`--${name} must be an integer, got ${JSON.stringify(value)}`);
  return n;
}

const trustProxyChoice =
  '--trust-proxy needs the number of proxies in front of Kuulo (1 for one nginx) or their addresses/CIDRs (e.g. 127.0.0.1 or 10.0.0.0/8); trusting every hop is refused, since a client could then choose its own address with X-Forwarded-For';

/** false, a hop count or a list of proxy addresses (checked by resolveConfig); never "trust everyone". */
function trustProxyFlag(value: string | undefined): ServerConfig['trustProxy'] {
  if (value === undefined || value === 'false' || value === 'off') return false;
  const text = value.trim();
  if (text === '' || text === 'true') throw new Error(`${trustProxyChoice}; got ${JSON.stringify(value)}`);
  if (/^\d+$/.test(text)) return Number(text);
  return text.split(',').map((s) => s.trim());
}

/** The admin key from KUULO_ADMIN_KEY or a file: never from a flag, which the process list shows to every user. */
function adminKeyFrom(env: NodeJS.ProcessEnv, file: string | undefined): string | undefined {
  if (file === undefined) return env.KUULO_ADMIN_KEY;
  if (env.KUULO_ADMIN_KEY !== undefined) throw new Error('give the admin key once: KUULO_ADMIN_KEY or --admin-key-file (KUULO_ADMIN_KEY_FILE), not both');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`--admin-key-file ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  // Editors and `echo` end the file with a newline that is not part of the key.
  const key = text.replace(/[\r\n]+$/, '');
  if (key.length < 16) throw new Error(`--admin-key-file ${file}: the key has ${key.length} characters, at least 16 are needed`);
  return key;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.some((a) => a === '--admin-key' || a.startsWith('--admin-key='))) {
    throw new Error('--admin-key is refused: a key on the command line is readable in the process list; set KUULO_ADMIN_KEY or use --admin-key-file <path>');
  }
  const bare = args.indexOf('--trust-proxy');
  if (bare >= 0 && (bare === args.length - 1 || args[bare + 1]!.startsWith('-'))) throw new Error(trustProxyChoice);
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      demo: { type: 'boolean' },
      'admin-key-file': { type: 'string' },
      cors: { type: 'string' },
      synchronous: { type: 'string' },
      workers: { type: 'string' },
      'debounce-ms': { type: 'string' },
      'rate-per-address': { type: 'string' },
      'rate-per-participant': { type: 'string' },
      'statements-per-participant': { type: 'string' },
      'max-connections': { type: 'string' },
      'public-url': { type: 'string' },
      'trust-proxy': { type: 'string' },
      'translation-provider': { type: 'string' },
      'translation-url': { type: 'string' },
      'translation-key-file': { type: 'string' },
      'translation-model': { type: 'string' },
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
    adminKey: adminKeyFrom(env, values['admin-key-file'] ?? env.KUULO_ADMIN_KEY_FILE),
    cors: cors === undefined || cors === '*' ? true : cors === 'off' ? false : cors.split(',').map((s) => s.trim()),
    synchronous: values.synchronous?.toUpperCase() as ServerConfig['synchronous'],
    logger: values.log ?? false,
    trustProxy: trustProxyFlag(values['trust-proxy'] ?? env.KUULO_TRUST_PROXY),
    publicUrl: values['public-url'],
    translation: translationFromFlags(values, env),
    rateLimit: { perAddress: intFlag('rate-per-address', values['rate-per-address']), perParticipant: intFlag('rate-per-participant', values['rate-per-participant']) },
    limits: { statementsPerParticipant: intFlag('statements-per-participant', values['statements-per-participant']), maxConnections: intFlag('max-connections', values['max-connections']) },
    math: { workers: intFlag('workers', values.workers), debounceMs: intFlag('debounce-ms', values['debounce-ms']) },
  };
  const port = intFlag('port', values.port ?? env.PORT) ?? 3000;
  const host = values.host ?? env.HOST ?? '127.0.0.1';

  // Loaded after the flags are read, so --help and flag errors answer at once.
  const { buildApp } = await import('./app.js');
  const { demoConversationId, ensureDemoConversation, ensureHameentieConversation, hameentieConversationId } = await import('./demo.js');
  const app = await buildApp(config);
  const demo = values.demo ? await ensureDemoConversation(app) : undefined;
  const hameentie = values.demo ? await ensureHameentieConversation(app) : undefined;
  const address = await app.listen({ port, host });
  const url = address.replace('://0.0.0.0', '://localhost').replace('://[::]', '://localhost');
  console.log(`Kuulo listening on ${url} (database ${redactUrl(app.kuulo.config.dbPath)})`);
  console.log(`API docs: ${url}/docs`);
  console.log(`Admin console: ${url}/admin (sign in with the admin key)`);
  if (app.kuulo.createdAdminKey) console.log(`Admin key (shown once, stored hashed): ${app.kuulo.createdAdminKey}`);
  if (demo) {
    console.log(`Demo conversation: ${url}/c/${demoConversationId}  (report: ${url}/c/${demoConversationId}/report, moderate: ${url}/c/${demoConversationId}/moderate)`);
    if (demo.moderatorKey) console.log(`Demo moderator key (shown once, stored hashed): ${demo.moderatorKey}`);
    else console.log('Demo already imported; moderate it with its moderator key or the admin key.');
  }
  if (hameentie) {
    console.log(`Three-language demo (fi, sv, en): ${url}/c/${hameentieConversationId}  (report: ${url}/c/${hameentieConversationId}/report, moderate: ${url}/c/${hameentieConversationId}/moderate)`);
    if (hameentie.moderatorKey) console.log(`Three-language demo moderator key (shown once, stored hashed): ${hameentie.moderatorKey}`);
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
