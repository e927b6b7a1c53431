import { buildAssets, type Asset, type AssetSet, type BuildAssetsOptions } from './buildAssets.js';
import { faviconSvg } from './favicon.js';
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
  featured?: readonly string[] | (() => readonly string[]);
  /** Longest statement participants may write, shown in the form. Default 1000 (the server's default limit). */
  statementMaxLength?: number;
  /** esbuild settings. Default minified with linked source maps. */
  build?: BuildAssetsOptions;
  /** Assets built before (shares one build between several apps, e.g. in tests). Default: built at registration. */
  assets?: AssetSet;
}

const defaults = { featured: [] as readonly string[], statementMaxLength: 1000 };

/** Same pattern as the server's conversation ids. */
const conversationId = /^[a-z0-9][a-z0-9-]{0,62}$/;
const hidden = { schema: { hide: true } };
const immutable = 'public, max-age=31536000, immutable';

/**
 * Fastify plugin serving Kuulo's pages and their bundled scripts:
 * `/` (start), `/c/:id` (participate), `/c/:id/report`, `/c/:id/moderate`, `/assets/*`,
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
  const assets = options.assets ?? (await buildAssets(options.build));
  const page = (name: keyof AssetSet['scripts'], title: string, data: Record<string, string>, body?: string): string =>
    pageHtml({ page: name, title, script: assets.scripts[name], preloads: assets.preloads[name], stylesheet: assets.stylesheet, data, ...(body !== undefined && { body }) });
  const fixedHome = typeof featuredOption === 'function' ? null : page('home', 'Kuulo', {}, homeBody(featuredOption));
  const home = (): string => fixedHome ?? page('home', 'Kuulo', {}, homeBody(checkFeatured((featuredOption as () => readonly string[])())));

  const sendPage = (reply: PageReply, html: string, framing: Framing): PageReply => {
    for (const [name, value] of Object.entries(pageHeaders(framing))) reply.header(name, value);
    return reply.send(html);
  };
  const notFound = (reply: PageReply, what: string): PageReply =>
    sendPage(reply.code(404), page('home', 'Not found · Kuulo', {}, `<h1>Not found</h1><p class="kuulo-notice">${what}</p><p><a href="/">Kuulo start page</a></p>`), 'any');
  const conversationPage = (name: 'participant' | 'report' | 'moderate', title: string, framing: Framing) => (request: PageRequest, reply: PageReply) => {
    const { conversationId: id } = request.params as { conversationId: string };
    if (!conversationId.test(id)) return notFound(reply, 'Conversation ids use lower-case letters, digits and dashes.');
    return sendPage(reply, page(name, `${title} · Kuulo`, { conversation: id, 'statement-max': String(statementMaxLength) }), framing);
  };

  app.get('/', hidden, (request, reply) => {
    // The start page's form (and older links) ask for ?conversation=<id>.
    const wanted = (request.query as { conversation?: unknown }).conversation;
    if (typeof wanted === 'string' && conversationId.test(wanted.trim().toLowerCase())) return reply.redirect(`/c/${wanted.trim().toLowerCase()}`, 303);
    return sendPage(reply, home(), 'any');
  });
  app.get('/c/:conversationId', hidden, conversationPage('participant', 'Conversation', 'any'));
  app.get('/c/:conversationId/report', hidden, conversationPage('report', 'Report', 'any'));
  // The moderator page acts with a key: never inside another site's frame (clickjacking).
  app.get('/c/:conversationId/moderate', hidden, conversationPage('moderate', 'Moderate', 'none'));

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
