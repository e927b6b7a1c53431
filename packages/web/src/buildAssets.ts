import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile, type OutputFile } from 'esbuild';
import { catalogPrefixesIn, catalogSubset } from './embedCatalogs.js';

/** The pages that have their own script. */
export type PageName = 'home' | 'participant' | 'moderate' | 'report' | 'admin';

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
  /** Chunks each page's script imports (directly or not), for <link rel="modulepreload">. */
  preloads: Record<PageName, string[]>;
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

/** The package root: the nearest folder above this module with a package.json (from src/ or a dist/ build alike). */
function findPackageDir(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`buildAssets: no package.json above ${start}`);
  }
}

const packageDir = findPackageDir(dirname(fileURLToPath(import.meta.url)));
const sourceDir = resolve(packageDir, 'src');
const clientDir = resolve(sourceDir, 'client');
const stylesheetEntry = resolve(sourceDir, 'styles', 'kuulo.css');
/** The pages' message catalogs, one file per language. */
export const localesDir = resolve(packageDir, 'locales');

/** Languages with a catalog in locales/, fi, sv, en first and any others after: a new file adds a language. */
export function catalogLanguages(): string[] {
  const found = readdirSync(localesDir).filter((f) => /^[a-z]{2,3}(-[A-Za-z0-9]+)?\.json$/.test(f)).map((f) => f.slice(0, -5));
  const order = ['fi', 'sv', 'en'];
  return [...order.filter((l) => found.includes(l)), ...found.filter((l) => !order.includes(l)).sort()];
}
/** A directory name only: esbuild needs an absolute outdir, but nothing is written to disk. */
const outDir = resolve(packageDir, '.assets');

const pageEntries: Record<PageName, string> = {
  home: resolve(clientDir, 'homePage.ts'),
  participant: resolve(clientDir, 'participantPage.ts'),
  moderate: resolve(clientDir, 'moderatePage.ts'),
  report: resolve(clientDir, 'reportPage.ts'),
  admin: resolve(clientDir, 'adminPage.ts'),
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
  const common: BuildOptions = {
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify,
    sourcemap: sourcemap ? 'linked' : false,
    write: false,
    metafile: true,
    outdir: outDir,
    absWorkingDir: packageDir,
    // Workspace packages resolve to their TypeScript source, so no prior build is needed.
    conditions: ['@kuulo/source'],
    legalComments: 'linked',
    logLevel: 'silent',
    charset: 'utf8',
    define: { KUULO_LANGUAGES: JSON.stringify(catalogLanguages()) },
  };

  const pages = await bundle({
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
  // It carries only the catalog keys its modules name (every language is inlined there): those of the
  // participant page's modules, which hold the embed's participation view, and of embed.ts itself.
  const embedEntry = resolve(clientDir, 'embed.ts');
  const english = JSON.parse(readFileSync(resolve(localesDir, 'en.json'), 'utf8')) as Record<string, string>;
  const embedPrefixes = catalogPrefixesIn([embedEntry, ...moduleInputs(pages.metafile, entryUrl(pages.metafile, pageEntries.participant, '/assets/'), '/assets/')], english);
  const embed = await bundle({
    ...common,
    entryPoints: { embed: embedEntry },
    entryNames: '[name]',
    define: { ...common.define, KUULO_STYLESHEET: JSON.stringify(stylesheet) },
    plugins: [catalogSubset(localesDir, embedPrefixes)],
  });
  for (const file of embed.outputFiles) files.set(urlOf(file, '/'), asset(file));

  const names = Object.keys(pageEntries) as PageName[];
  const scripts = Object.fromEntries(names.map((name) => [name, entryUrl(pages.metafile, pageEntries[name], '/assets/')])) as Record<PageName, string>;
  const preloads = Object.fromEntries(names.map((name) => [name, chunkUrls(pages.metafile, scripts[name], '/assets/')])) as Record<PageName, string[]>;
  return { files, scripts, stylesheet, preloads, buildMs: Math.round(performance.now() - started) };
}

/** Runs esbuild in memory; the outputs and metafile are always present with these settings. */
async function bundle(options: BuildOptions): Promise<{ outputFiles: OutputFile[]; metafile: Metafile }> {
  const result = await build({ ...options, write: false, metafile: true });
  if (!result.outputFiles || !result.metafile) throw new Error('buildAssets: esbuild returned no output files');
  return { outputFiles: result.outputFiles, metafile: result.metafile };
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

/** The source files (absolute paths) bundled into an entry and the chunks it imports statically. */
function moduleInputs(metafile: Metafile, entry: string, prefix: string): string[] {
  const key = (url: string): string => relative(packageDir, resolve(outDir, url.slice(prefix.length))).split('\\').join('/');
  const outputs = [key(entry), ...chunkUrls(metafile, entry, prefix).map(key)];
  return outputs.flatMap((output) => Object.keys(metafile.outputs[output]?.inputs ?? {}).map((input) => resolve(packageDir, input)));
}

/** Every chunk an entry imports, transitively, so the browser fetches them in parallel instead of in a chain. */
function chunkUrls(metafile: Metafile, entry: string, prefix: string): string[] {
  const key = (url: string): string => relative(packageDir, resolve(outDir, url.slice(prefix.length))).split('\\').join('/');
  const seen = new Set<string>();
  const visit = (path: string): void => {
    for (const imported of metafile.outputs[path]?.imports ?? []) {
      if (imported.kind !== 'import-statement' || imported.external || seen.has(imported.path)) continue;
      seen.add(imported.path);
      visit(imported.path);
    }
  };
  visit(key(entry));
  return [...seen].map((path) => prefix + relative(outDir, resolve(packageDir, path)).split('\\').join('/'));
}

function asset(file: OutputFile): Asset {
  const body = Buffer.from(file.contents);
  const ext = /\.[a-z]+$/.exec(file.path)?.[0] ?? '';
  const contentType = contentTypes[ext] ?? (file.path.endsWith('.LEGAL.txt') ? 'text/plain; charset=utf-8' : 'application/octet-stream');
  const zipped = gzipSync(body, { level: 9 });
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, gzip: zipped.length < body.length ? zipped : null, contentType, etag };
}
