import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webPages } from '../src/index.js';
import { startServer, type TestServer } from './support/startServer.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ featured: ['city-budget'] }, { ownPlugin: true });
});
afterAll(async () => {
  await server?.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { headers, redirect: 'manual' });

/** The script and stylesheet URLs a page's HTML names. */
function assetUrls(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
}

describe('webPages(app, options)', () => {
  it('serves each page as HTML with a CSP that allows scripts from this server only', async () => {
    for (const path of ['/', '/c/city-budget', '/c/city-budget/report', '/c/city-budget/moderate']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = response.headers.get('content-security-policy') ?? '';
      const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
      expect(scriptSrc).toBe("script-src 'self'");
      expect(csp).toContain("default-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const html = await response.text();
      // No inline script, no inline handlers: every <script> has a src.
      expect(html.match(/<script\b[^>]*>/g)?.every((tag) => / src="\/assets\//.test(tag))).toBe(true);
      expect(html).not.toMatch(/\son[a-z]+=/i);
      expect(html).not.toMatch(/https?:\/\//);
    }
  });

  it('puts the conversation id in the page data and refuses malformed ids with 404', async () => {
    const html = await (await get('/c/city-budget/report')).text();
    expect(html).toContain('data-conversation="city-budget"');
    expect(html).toContain('data-statement-max="1000"');
    for (const path of ['/c/Bad_Id', '/c/-x', `/c/${'a'.repeat(64)}`, '/c/%3Cscript%3E/report']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('<script>');
    }
  });

  it('lets only the moderator page refuse framing', async () => {
    expect((await get('/c/x/moderate')).headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect((await get('/c/x')).headers.get('content-security-policy')).toContain('frame-ancestors *');
  });

  it('redirects the start form (?conversation=) to the participant page and lists featured conversations', async () => {
    const response = await get('/?conversation=City-Budget');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/c/city-budget');
    expect((await get('/?conversation=no%20spaces')).status).toBe(200);
    const home = await (await get('/')).text();
    expect(home).toContain('<li data-conversation="city-budget"><a href="/c/city-budget">');
  });

  it('serves the bundled scripts and stylesheet with content types, immutable caching, ETags and gzip', async () => {
    const urls = assetUrls(await (await get('/c/x/report')).text());
    expect(urls.some((u) => u.endsWith('.css'))).toBe(true);
    expect(urls.filter((u) => u.endsWith('.js')).length).toBeGreaterThan(1);
    for (const url of urls) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe(url.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const etag = response.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]{22}"$/);
      expect((await get(url, { 'if-none-match': etag })).status).toBe(304);
      const body = await response.text();
      // Bundled, not loaded from a CDN: no absolute import URLs in the code.
      expect(body).not.toMatch(/\bimport\s*\(?\s*["']https?:/);
      expect(body).not.toMatch(/from\s*["']https?:/);
    }
  });

  it('bundles d3 and the charts into the scripts (nothing external)', async () => {
    const urls = assetUrls(await (await get('/c/x')).text()).filter((u) => u.endsWith('.js'));
    const code = (await Promise.all(urls.map(async (u) => (await get(u)).text()))).join('\n');
    // d3-zoom and the opinion map's own strings must be in the bundle itself.
    expect(code).toContain('kuulo-opinion-map');
    expect(code).toContain('kuulo-viewport');
    expect(code).not.toMatch(/cdn\.jsdelivr|unpkg\.com|cdnjs/);
  });

  it('gzips assets for clients that accept it', async () => {
    const [url] = assetUrls(await (await get('/c/x')).text()).filter((u) => u.endsWith('.js'));
    // fetch decompresses by itself: read the raw bytes through node:http.
    const bytes = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      request(server.url + url!, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
    expect(bytes.encoding).toBe('gzip');
    expect(gunzipSync(bytes.body).toString('utf8')).toContain('import');
  });

  it('serves /embed.js for other sites with CORS and a short cache', async () => {
    const response = await get('/embed.js', { origin: 'https://city.example' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const code = await response.text();
    expect(code).toContain('kuulo-conversation');
    // The embed is one file: no chunk imports to chase across origins.
    expect(code).not.toMatch(/from\s*["']\.\/chunk-/);
  });

  it('answers unknown assets with 404 and serves the icon', async () => {
    expect((await get('/assets/nope.js')).status).toBe(404);
    const icon = await get('/favicon.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toMatch(/^<svg /);
  });

  it('checks its options and can list featured conversations chosen per request', async () => {
    const routes: string[] = [];
    const fake = { get: (path: string) => void routes.push(path) };
    await expect(webPages(fake, { featured: ['Not Valid'] })).rejects.toThrow('webPages: options.featured has an invalid conversation id "Not Valid"');
    await expect(webPages(fake, { statementMaxLength: 0 })).rejects.toThrow('webPages: options.statementMaxLength must be a positive integer, got 0');
    const other = await startServer({ featured: () => ['late-one'], statementMaxLength: 280 }, { ownPlugin: true });
    try {
      expect(await (await fetch(other.url + '/')).text()).toContain('<li data-conversation="late-one">');
      expect(await (await fetch(other.url + '/c/x')).text()).toContain('data-statement-max="280"');
    } finally {
      await other.close();
    }
  });

  it('leaves the API to the server', async () => {
    const response = await get('/api/v1/conversations/nope');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('CONVERSATION_NOT_FOUND');
  });
});
