import { createHash } from 'node:crypto';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type OutputFile } from 'esbuild';

/** The pages that have their own script. */
export type PageName = 'home' | 'participant' | 'moderate' | 'report';

/** One file served from memory. */
export interface Asset {
  body: Buffer;
  /** The same bytes gzipped, when that is smaller. */
  gzip: Buffer | null;
  contentType: string;
  /** Strong ETag (quoted) derived from the content. */
  etag: string;
}

export interface AssetSet {
  /** Every served file by URL path: '/assets/participant-HASH.js', '/embed.js', … */
  files: Map<string, Asset>;
  /** URL of each page's entry script. */
  scripts: Record<PageName, string>;
  /** URL of the stylesheet shared by the pages and the embed. */
  stylesheet: string;
  /** How long the build took, in ms. */
  buildMs: number;
}

export interface BuildAssetsOptions {
  /** Minify JS and CSS. Default true. */
  minify?: boolean;
  /** Write linked source maps next to the scripts. Default true. */
  sourcemap?: boolean;
}

const defaults = { minify: true, sourcemap: true };

const sourceDir = dirname(fileURLToPath(import.meta.url));
const clientDir = resolve(sourceDir, 'client');
const stylesheetEntry = resolve(sourceDir, 'styles', 'kuulo.css');
/** A directory name only: esbuild needs an absolute outdir, but nothing is written to disk. */
const packageDir = resolve(sourceDir, '..');
const outDir = resolve(packageDir, '.assets');

const pageEntries: Record<PageName, string> = {
  home: resolve(clientDir, 'homePage.ts'),
  participant: resolve(clientDir, 'participantPage.ts'),
  moderate: resolve(clientDir, 'moderatePage.ts'),
  report: resolve(clientDir, 'reportPage.ts'),
};

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Bundles the browser code into memory with esbuild: one ESM entry per page sharing chunks
 * (d3 and viz end up in one cached chunk), the stylesheet, and a standalone `/embed.js` for
 * other sites. Everything is bundled, so pages load nothing from third parties.
 */
export async function buildAssets(options: BuildAssetsOptions = {}): Promise<AssetSet> {
  const minify = options.minify ?? defaults.minify;
  const sourcemap = options.sourcemap ?? defaults.sourcemap;
  const started = performance.now();
  const common = {
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify,
    sourcemap: sourcemap ? ('linked' as const) : false,
    write: false,
    metafile: true,
    outdir: outDir,
    absWorkingDir: packageDir,
    // Workspace packages resolve to their TypeScript source, so no prior build is needed.
    conditions: ['@kuulo/source'],
    legalComments: 'linked',
    logLevel: 'silent',
    charset: 'utf8',
  } as const;

  const pages = await build({
    ...common,
    entryPoints: { ...pageEntries, kuulo: stylesheetEntry },
    splitting: true,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
  });
  const files = new Map<string, Asset>();
  for (const file of pages.outputFiles) files.set(urlOf(file, '/assets/'), asset(file));
  const stylesheet = entryUrl(pages.metafile, stylesheetEntry, '/assets/');

  // The embed is one file at a stable URL (other sites link it); it finds its stylesheet and API from its own URL.
  const embed = await build({
    ...common,
    entryPoints: { embed: resolve(clientDir, 'embed.ts') },
    entryNames: '[name]',
    define: { KUULO_STYLESHEET: JSON.stringify(stylesheet) },
  });
  for (const file of embed.outputFiles) files.set(urlOf(file, '/'), asset(file));

  const scripts = Object.fromEntries(
    (Object.keys(pageEntries) as PageName[]).map((name) => [name, entryUrl(pages.metafile, pageEntries[name], '/assets/')]),
  ) as Record<PageName, string>;
  return { files, scripts, stylesheet, buildMs: Math.round(performance.now() - started) };
}

function urlOf(file: OutputFile, prefix: string): string {
  return prefix + relative(outDir, file.path).split('\\').join('/');
}

/** The output URL esbuild produced for an entry point, read from the metafile. */
function entryUrl(metafile: Metafile, entry: string, prefix: string): string {
  // Metafile paths are relative to absWorkingDir.
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (output.entryPoint !== undefined && resolve(packageDir, output.entryPoint) === entry) {
      return prefix + relative(outDir, resolve(packageDir, path)).split('\\').join('/');
    }
  }
  throw new Error(`buildAssets: esbuild produced no output for entry ${entry}`);
}

function asset(file: OutputFile): Asset {
  const body = Buffer.from(file.contents);
  const ext = /\.[a-z]+$/.exec(file.path)?.[0] ?? '';
  const contentType = contentTypes[ext] ?? (file.path.endsWith('.LEGAL.txt') ? 'text/plain; charset=utf-8' : 'application/octet-stream');
  const zipped = gzipSync(body, { level: 9 });
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, gzip: zipped.length < body.length ? zipped : null, contentType, etag };
}
