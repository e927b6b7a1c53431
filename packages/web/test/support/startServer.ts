import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../../server/src/index.js';
import { webPages, type WebPagesOptions } from '../../src/index.js';

export const adminKey = 'kadm_web-test-admin-key-0123456789';

type App = Awaited<ReturnType<typeof buildApp>>;

export interface TestServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The API app (for app.inject set-up calls). */
  api: App;
  close(): Promise<void>;
}

/** Paths the pages plugin serves; everything else is the API's. */
function isPagePath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path === '/' || path.startsWith('/c/') || path.startsWith('/assets/') || path === '/embed.js' || path === '/favicon.svg' || path === '/admin';
}

/**
 * Starts the Kuulo server with the pages on a random loopback port and a temporary SQLite file.
 * When the server's buildApp already registers `webPages`, it is used as it is (unless `ownPlugin`,
 * for testing the plugin with given options); otherwise the pages run in their own Fastify
 * instance and requests are split by path before either app sees them.
 */
export async function startServer(pages: WebPagesOptions = {}, options: { ownPlugin?: boolean } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'kuulo-web-'));
  const api = await buildApp({
    dbPath: join(dir, 'kuulo.db'),
    adminKey,
    math: { debounceMs: 40, maxWaitMs: 200 },
    rateLimit: { perAddress: 0, perParticipant: 0 },
  });
  let front: App;
  if (!options.ownPlugin && api.hasRoute({ method: 'GET', url: '/c/:conversationId' })) {
    front = api;
  } else {
    // fastify is the server package's dependency: load the same copy the API app uses.
    const require = createRequire(fileURLToPath(new URL('../../../server/package.json', import.meta.url)));
    const Fastify = require('fastify') as (options: { serverFactory: (handler: (req: IncomingMessage, res: ServerResponse) => void) => ReturnType<typeof createServer> }) => App;
    front = Fastify({ serverFactory: (handler) => createServer((req, res) => (isPagePath(req.url ?? '/') ? handler(req, res) : api.routing(req, res))) });
    await front.register(webPages, pages);
  }
  await front.listen({ port: 0, host: '127.0.0.1' });
  const address = front.server.address();
  if (address === null || typeof address === 'string') throw new Error(`unexpected listen address ${String(address)}`);
  return {
    url: `http://127.0.0.1:${address.port}`,
    api,
    async close() {
      await front.close();
      if (front !== api) await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
