import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildExample, type BuiltFile } from './buildExample';

/** Options of `startExampleServer`, with defaults. */
export interface ExampleServerOptions {
  /** Port; 0 picks a free one. Default 8080. */
  port?: number;
  /** Listen address. Default '127.0.0.1' (this machine only). */
  host?: string;
  /** Folder of a Polis API export with votes.json and comments.json. Default: core's below-100-ptpts fixture. */
  conversationDir?: string;
}

/** A running static server: the page's address and a way to stop it. */
export interface ExampleServer {
  url: string;
  close(): Promise<void>;
}

const fixtureDir = fileURLToPath(new URL('../../packages/core/test/fixtures/polis-math-fixtures/below-100-ptpts/', import.meta.url));

/**
 * Serves the example as static files: the page, the two bundles and the conversation's JSON files.
 * It computes nothing; the Kuulo math runs in the visitor's browser.
 */
export async function startExampleServer(options: ExampleServerOptions = {}): Promise<ExampleServer> {
  const { port = 8080, host = '127.0.0.1', conversationDir = fixtureDir } = options;
  const files = await buildExample();
  const json = 'application/json; charset=utf-8';
  const fromDisk = (path: string, contentType: string): BuiltFile => ({ contents: readFileSync(path), contentType });
  files.set('/', fromDisk(fileURLToPath(new URL('index.html', import.meta.url)), 'text/html; charset=utf-8'));
  files.set('/votes.json', fromDisk(`${conversationDir.replace(/\/?$/, '/')}votes.json`, json));
  files.set('/comments.json', fromDisk(`${conversationDir.replace(/\/?$/, '/')}comments.json`, json));
  const server = createServer((request, response) => {
    const file = request.method === 'GET' ? files.get(new URL(request.url ?? '/', 'http://x').pathname) : undefined;
    // No icon of its own: answer without a body rather than a 404 the console would report.
    if (request.url === '/favicon.ico') return void response.writeHead(204).end();
    if (file === undefined) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    response.writeHead(200, { 'content-type': file.contentType, 'cache-control': 'no-store' }).end(file.contents);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`startExampleServer: no TCP address for ${host}:${port}`);
  return {
    url: `http://${host}:${address.port}/`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

// Run directly (`pnpm start` in this folder): serve on 127.0.0.1:8080, or the port given as the first argument.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startExampleServer({ port: Number(process.argv[2] ?? 8080) });
  console.log(`Kuulo browser example: ${server.url}`);
}
