import { describe, expect, it } from 'vitest';
import { homeBody, pageHtml } from '../src/pageHtml.js';
import { pageTranslatorFor } from './support/translator.js';

const en = pageTranslatorFor('en');
const fi = pageTranslatorFor('fi');

describe('pageHtml(options)', () => {
  it('escapes the title and data attributes and loads only external scripts', () => {
    const html = pageHtml({ page: 'participant', t: en, title: '<b>"x"</b>', script: '/assets/a.js', stylesheet: '/assets/a.css', preloads: ['/assets/c.js'], data: { conversation: '"><script>alert(1)</script>' } });
    expect(html).toContain('<title>&lt;b&gt;&quot;x&quot;&lt;/b&gt;</title>');
    expect(html).toContain('data-conversation="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('<script type="module" src="/assets/a.js"></script>');
    expect(html).toContain('<link rel="modulepreload" href="/assets/c.js">');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<main id="main" class="kuulo kuulo-page kuulo-participant" tabindex="-1">');
  });

  it('builds a start page whose form works without script', () => {
    const body = homeBody(['demo'], en);
    expect(body).toContain('<form class="kuulo-open" method="get" action="/">');
    expect(body).toContain('name="conversation"');
    expect(body).toContain('<a href="/c/demo/report">report</a>');
    expect(homeBody([], en)).not.toContain('kuulo-featured');
  });

  it('speaks the translator’s language: <html lang dir>, <body data-lang>, skip link, loading line and noscript', () => {
    const html = pageHtml({ page: 'participant', t: fi, title: 'Keskustelu · Kuulo', script: '/assets/a.js', stylesheet: '/assets/a.css' });
    expect(html).toContain('<html lang="fi" dir="ltr">');
    expect(html).toContain('<body data-page="participant" data-lang="fi">');
    expect(html).toContain('<a class="kuulo-skip" href="#main">Siirry sisältöön</a>');
    expect(html).toContain('<p class="kuulo-loading" role="status">Ladataan…</p>');
    expect(html).toContain('Tämä sivu tarvitsee JavaScriptin. Tiedot saa myös rajapinnasta: <a href="/docs">API</a>.');
    expect(pageHtml({ page: 'home', t: en, title: 'Kuulo', script: '/a.js', stylesheet: '/a.css' })).toContain('This page needs JavaScript. The data is also available from the <a href="/docs">API</a>.');
    expect(homeBody(['demo'], fi)).toContain('<a href="/c/demo/report">raportti</a>');
  });
});
