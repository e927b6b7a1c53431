import { describe, expect, it } from 'vitest';
import { homeBody, pageHtml } from '../src/pageHtml.js';

describe('pageHtml(options)', () => {
  it('escapes the title and data attributes and loads only external scripts', () => {
    const html = pageHtml({ page: 'participant', title: '<b>"x"</b>', script: '/assets/a.js', stylesheet: '/assets/a.css', preloads: ['/assets/c.js'], data: { conversation: '"><script>alert(1)</script>' } });
    expect(html).toContain('<title>&lt;b&gt;&quot;x&quot;&lt;/b&gt;</title>');
    expect(html).toContain('data-conversation="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('<script type="module" src="/assets/a.js"></script>');
    expect(html).toContain('<link rel="modulepreload" href="/assets/c.js">');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<main id="main" class="kuulo kuulo-page kuulo-participant" tabindex="-1">');
  });

  it('builds a start page whose form works without script', () => {
    const body = homeBody(['demo']);
    expect(body).toContain('<form class="kuulo-open" method="get" action="/">');
    expect(body).toContain('name="conversation"');
    expect(body).toContain('<a href="/c/demo/report">report</a>');
    expect(homeBody([])).not.toContain('kuulo-featured');
  });
});
