import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface BenchServer {
  child: ChildProcess;
  url: string;
  /** Everything the server printed so far (stdout and stderr). */
  output: () => string;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. */
  stop: () => Promise<void>;
}

/**
 * Starts `packages/server/src/server.ts` of the checkout at `serverDir` (this one by default) on a free
 * loopback port, with the admin key in the environment (old and new servers both read KUULO_ADMIN_KEY).
 */
export function startServer(options: { serverDir: string; dbPath: string; adminKey: string; args: string[] }): Promise<BenchServer> {
  const serverPackage = join(resolve(options.serverDir), 'packages', 'server');
  const entry = join(serverPackage, 'src', 'server.ts');
  if (!existsSync(entry)) throw new Error(`--server-dir ${options.serverDir}: no server at ${entry}`);
  const child = spawn(
    process.execPath,
    [
      // e.g. KUULO_BENCH_NODE_ARGS=--cpu-prof to profile the server process.
      ...(process.env.KUULO_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
      '--conditions=@kuulo/source',
      '--import',
      'tsx',
      entry,
      ...['--port', '0', '--host', '127.0.0.1', '--db', options.dbPath],
      ...options.args,
    ],
    { cwd: serverPackage, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KUULO_ADMIN_KEY: options.adminKey } },
  );
  let out = '';
  let exited = false;
  const exit = new Promise<void>((done) => child.once('exit', () => ((exited = true), done())));
  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exit;
    clearTimeout(timer);
  };
  return new Promise((resolveStart, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolveStart({ child, url: match[1]!, output: () => out, stop });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server ${entry} exited with ${code}:\n${out}`)));
  });
}
