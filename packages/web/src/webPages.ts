import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTranslator, parseAcceptLanguage, pickLanguage, pseudoCatalog, pseudoLanguage, type Catalog, type Translator } from '@kuulo/viz';
import { buildAssets, catalogLanguages, localesDir, type Asset, type AssetSet, type BuildAssetsOptions } from './buildAssets.js';
import { faviconSvg } from './favicon.js';
import { escapeHtml } from './escapeHtml.js';
import { homeBody, pageHtml } from './pageHtml.js';
import { pageHeaders, type Framing } from './securityHeaders.js';

/** The parts of a Fastify request the pages read (typed structurally: fastify is the server's dependency). */
export interface PageRequest {
  params: unknown;
  query: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** The parts of a Fastify reply the pages use. */
export interface PageReply {
  code(statusCode: number): PageReply;
  header(name: string, value: string): PageReply;
  send(payload?: unknown): PageReply;
  redirect(url: string, code?: number): PageReply;
}

/** The parts of a Fastify instance the plugin uses; a FastifyInstance satisfies it. */
export interface PageServer {
  get(path: string, options: { schema: { hide: boolean } }, handler: (request: PageRequest, reply: PageReply) => unknown): unknown;
}

export interface WebPagesOptions {
  /**
   * Conversation ids linked from the start page, or a function giving them per request (e.g. the
   * demo when it exists). Default none.
   */
  featured?: readonly string[] | (() => readonly string[] | Promise<readonly string[]>);
  /** Longest statement participants may write, shown in the form. Default 1000 (the server's default limit). */
  statementMaxLength?: number;
  /** esbuild settings. Default minified with linked source maps. */
  build?: BuildAssetsOptions;
  /** Assets built before (shares one build between several apps, e.g. in tests). Default: built at registration. */
  assets?: AssetSet;
  /**
   * A conversation's languages (first is its main one), or undefined when there is no such
   * conversation: a conversation page falls back to its main language when neither `?lang=` nor
   * Accept-Language names one with a catalog. Default: none, so English.
   */
  conversationLanguages?: (id: string) => readonly string[] | undefined | Promise<readonly string[] | undefined>;
}

const defaults = { featured: [] as readonly string[], statementMaxLength: 1000 };

/** Same pattern as the server's conversation ids. */
const conversationId = /^[a-z0-9][a-z0-9-]{0,62}$/;
const hidden = { schema: { hide: true } };
const immutable = 'public, max-age=31536000, immutable';

const builtAssets = new Map<string, Promise<AssetSet>>();

/** One build per process and build options: the sources do not change while it runs, and several apps (tests, instances) share it. */
function sharedAssets(build: BuildAssetsOptions | undefined): Promise<AssetSet> {
  const key = JSON.stringify(build ?? {});
  let assets = builtAssets.get(key);
  if (!assets) {
    assets = buildAssets(build);
    builtAssets.set(key, assets);
    // A failed build is not kept, so the next app tries again.
    assets.catch(() => builtAssets.delete(key));
  }
  return assets;
}

/**
 * Fastify plugin serving Kuulo's pages and their bundled scripts:
 * `/` (start), `/c/:id` (participate), `/c/:id/report`, `/c/:id/moderate`, `/admin` (console), `/assets/*`,
 * `/embed.js` (the `<kuulo-conversation>` element for other sites) and `/favicon.svg`.
 * The bundle is built with esbuild into memory when the plugin registers.
 */
export async function webPages(app: PageServer, options: WebPagesOptions = {}): Promise<void> {
  const featuredOption = options.featured ?? defaults.featured;
  const checkFeatured = (ids: readonly string[]): readonly string[] => {
    for (const id of ids) {
      if (!conversationId.test(id)) throw new Error(`webPages: options.featured has an invalid conversation id ${JSON.stringify(id)} (expected ${conversationId})`);
    }
    return ids;
  };
  if (typeof featuredOption !== 'function') checkFeatured(featuredOption);
  const statementMaxLength = options.statementMaxLength ?? defaults.statementMaxLength;
  if (!Number.isInteger(statementMaxLength) || statementMaxLength < 1) {
    throw new Error(`webPages: options.statementMaxLength must be a positive integer, got ${String(statementMaxLength)}`);
  }
  const assets = options.assets ?? (await sharedAssets(options.build));
  const languages = catalogLanguages();
  const translator = pageTranslators();
  const page = (name: keyof AssetSet['scripts'], t: Translator, title: string, data: Record<string, string>, body?: string): string =>
    pageHtml({ page: name, t, title, script: assets.scripts[name], preloads: assets.preloads[name], stylesheet: assets.stylesheet, data, ...(body !== undefined && { body }) });
  const fixedHomes = new Map<string, string>();
  const home = async (t: Translator): Promise<string> => {
    if (typeof featuredOption === 'function') return page('home', t, 'Kuulo', {}, homeBody(checkFeatured(await featuredOption()), t));
    let html = fixedHomes.get(t.lang);
    if (html === undefined) fixedHomes.set(t.lang, (html = page('home', t, 'Kuulo', {}, homeBody(featuredOption, t))));
    return html;
  };
  /** The page language from `?lang=` and Accept-Language, null when neither names a language with a catalog. */
  const askedLanguage = (request: PageRequest): string | null => {
    const query = (request.query as { lang?: unknown }).lang;
    const accept = request.headers['accept-language'];
    return pickLanguage([typeof query === 'string' ? query : null, ...parseAcceptLanguage(typeof accept === 'string' ? accept : accept?.join(','))], languages);
  };

  const sendPage = (reply: PageReply, html: string, framing: Framing): PageReply => {
    for (const [name, value] of Object.entries(pageHeaders(framing))) reply.header(name, value);
    // The same URL answers in the language the browser asks for.
    return reply.header('vary', 'Accept-Language').send(html);
  };
  const notFound = (reply: PageReply, t: Translator, what: string): PageReply =>
    sendPage(
      reply.code(404),
      page('home', t, t.t('page.notFound.documentTitle'), {}, `<h1>${escapeHtml(t.t('page.notFound.title'))}</h1><p class="kuulo-notice">${escapeHtml(what)}</p><p><a href="/">${escapeHtml(t.t('page.notFound.home'))}</a></p>`),
      'any',
    );
  const conversationPage = (name: 'participant' | 'report' | 'moderate', framing: Framing) => async (request: PageRequest, reply: PageReply) => {
    const { conversationId: id } = request.params as { conversationId: string };
    if (!conversationId.test(id)) {
      const t = translator(askedLanguage(request) ?? 'en');
      return notFound(reply, t, t.t('page.notFound.badId'));
    }
    // The conversation's main language only when the reader names none Kuulo speaks (saves a look-up).
    const lang = askedLanguage(request) ?? pickLanguage(((await options.conversationLanguages?.(id)) ?? []).slice(0, 1), languages) ?? 'en';
    const t = translator(lang);
    return sendPage(reply, page(name, t, t.t(`page.title.${name}`), { conversation: id, 'statement-max': String(statementMaxLength) }), framing);
  };

  app.get('/', hidden, async (request, reply) => {
    // The start page's form (and older links) ask for ?conversation=<id>.
    const wanted = (request.query as { conversation?: unknown }).conversation;
    if (typeof wanted === 'string' && conversationId.test(wanted.trim().toLowerCase())) return reply.redirect(`/c/${wanted.trim().toLowerCase()}`, 303);
    return sendPage(reply, await home(translator(askedLanguage(request) ?? 'en')), 'any');
  });
  app.get('/c/:conversationId', hidden, conversationPage('participant', 'any'));
  app.get('/c/:conversationId/report', hidden, conversationPage('report', 'any'));
  // The moderator page acts with a key: never inside another site's frame (clickjacking).
  app.get('/c/:conversationId/moderate', hidden, conversationPage('moderate', 'none'));
  // The admin console acts with the admin key: never framed either.
  app.get('/admin', hidden, (request, reply) => {
    const t = translator(askedLanguage(request) ?? 'en');
    return sendPage(reply, page('admin', t, t.t('admin.documentTitle'), {}), 'none');
  });

  app.get('/assets/*', hidden, (request, reply) => {
    const path = `/assets/${(request.params as { '*': string })['*']}`;
    const file = assets.files.get(path);
    if (!file) return reply.code(404).header('content-type', 'text/plain; charset=utf-8').send(`no asset ${path}`);
    // File names carry a content hash, so they never change: cache for a year.
    return sendAsset(request, reply, file, immutable, path.endsWith('.css'));
  });
  app.get('/embed.js', hidden, (request, reply) => {
    const file = assets.files.get('/embed.js');
    if (!file) throw new Error('webPages: the embed bundle is missing');
    // A stable URL other sites link to: short cache so a new version reaches them within minutes.
    return sendAsset(request, reply, file, 'public, max-age=300', true);
  });
  app.get('/favicon.svg', hidden, (_request, reply) =>
    reply.header('content-type', 'image/svg+xml').header('cache-control', 'public, max-age=86400').header('x-content-type-options', 'nosniff').send(faviconSvg),
  );
}

/** The pages' translators by language, each catalog read from locales/ once (the pseudo-locale made from English). */
function pageTranslators(): (lang: string) => Translator {
  const read = (lang: string): Catalog => JSON.parse(readFileSync(join(localesDir, `${lang}.json`), 'utf8')) as Catalog;
  const english = read('en');
  const cache = new Map<string, Translator>();
  return (lang) => {
    let t = cache.get(lang);
    if (!t) cache.set(lang, (t = createTranslator(lang, lang === pseudoLanguage ? pseudoCatalog(english) : lang === 'en' ? english : read(lang), english)));
    return t;
  };
}

/** Sends a built file with its ETag (304 when it matches) and gzip when the client takes it. */
function sendAsset(request: PageRequest, reply: PageReply, file: Asset, cacheControl: string, crossOrigin: boolean): PageReply {
  reply.header('content-type', file.contentType).header('cache-control', cacheControl).header('etag', file.etag).header('x-content-type-options', 'nosniff').header('vary', 'accept-encoding');
  // Other sites load the embed script as a module (CORS) and its stylesheet from their pages.
  if (crossOrigin) reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin');
  const ifNoneMatch = request.headers['if-none-match'];
  if (typeof ifNoneMatch === 'string' && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === file.etag)) return reply.code(304).send();
  const encodings = request.headers['accept-encoding'];
  if (file.gzip && typeof encodings === 'string' && /\bgzip\b/.test(encodings)) return reply.header('content-encoding', 'gzip').send(file.gzip);
  return reply.send(file.body);
}
