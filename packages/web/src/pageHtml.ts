import { languageDirection, type Translator } from '@kuulo/viz';
import type { PageName } from './buildAssets.js';
import { escapeHtml } from './escapeHtml.js';

export interface PageHtmlOptions {
  page: PageName;
  /** The interface language: `<html lang dir>`, `<body data-lang>` and the shell's own texts. */
  t: Translator;
  /** Document title (plain text). */
  title: string;
  /** URL of the page's module script. */
  script: string;
  /** URL of the stylesheet. */
  stylesheet: string;
  /** Chunks the script imports, preloaded in parallel. Default none. */
  preloads?: readonly string[];
  /** `data-*` attributes of <body>, read by the script (plain text values). */
  data?: Record<string, string>;
  /** Markup shown before the script runs (trusted, built here). Default a loading line. */
  body?: string;
}

/**
 * The HTML shell of a page: no inline script or style, so the CSP can forbid both. The script
 * builds the page from the API; everything dynamic goes in through `data-*` attributes, escaped.
 */
export function pageHtml(options: PageHtmlOptions): string {
  const { t } = options;
  const data = Object.entries({ ...options.data, lang: t.lang })
    .map(([name, value]) => ` data-${name}="${escapeHtml(value)}"`)
    .join('');
  const body = options.body ?? `<p class="kuulo-loading" role="status">${escapeHtml(t.t('common.loading'))}</p>`;
  return `<!doctype html>
<html lang="${escapeHtml(t.lang)}" dir="${languageDirection(t.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(options.title)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${escapeHtml(options.stylesheet)}">
<script type="module" src="${escapeHtml(options.script)}"></script>
${(options.preloads ?? []).map((url) => `<link rel="modulepreload" href="${escapeHtml(url)}">`).join('\n')}
</head>
<body data-page="${options.page}"${data}>
<a class="kuulo-skip" href="#main">${escapeHtml(t.t('page.skip'))}</a>
<main id="main" class="kuulo kuulo-page kuulo-${options.page}" tabindex="-1">
${body}
<noscript><p class="kuulo-notice">${withLink(t.t('page.noscript', { api: linkMark }), '/docs', t.t('page.noscript.api'))}</p></noscript>
</main>
</body>
</html>
`;
}

/** Stands in for a link inside a message, so the sentence stays one message in every language. */
const linkMark = '\u0000link\u0000';

/** A message as HTML, with its link placeholder made a link. */
function withLink(message: string, href: string, text: string): string {
  return escapeHtml(message).replace(linkMark, `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`);
}

/** The start page: works without JavaScript (the form asks the server to redirect). */
export function homeBody(featured: readonly string[], t: Translator): string {
  const text = (key: string): string => escapeHtml(t.t(key));
  const list = featured.length
    ? `<section class="kuulo-card" aria-labelledby="featured-title"><h2 class="kuulo-card-title" id="featured-title">${text('home.featured')}</h2><ul class="kuulo-featured">${featured
        .map((id) => {
          const safe = escapeHtml(id);
          return `<li data-conversation="${safe}"><a href="/c/${safe}">${safe}</a> · <a href="/c/${safe}/report">${text('home.report')}</a></li>`;
        })
        .join('')}</ul></section>`
    : '';
  return `<header class="kuulo-header"><h1>Kuulo</h1>
<p class="kuulo-lead">${text('home.lead')}</p></header>
${list}
<section class="kuulo-card" aria-labelledby="open-title"><h2 class="kuulo-card-title" id="open-title">${text('home.open.title')}</h2>
<form class="kuulo-open" method="get" action="/">
<label for="conversation-id">${text('home.open.label')}</label>
<div class="kuulo-row"><input class="kuulo-input" id="conversation-id" name="conversation" required pattern="[a-z0-9][a-z0-9\\-]{0,62}" autocomplete="off" spellcheck="false" placeholder="${text('home.open.placeholder')}">
<button class="kuulo-button kuulo-primary" type="submit">${text('home.open.button')}</button></div>
</form></section>
<footer class="kuulo-footer"><a href="/docs">${text('home.docs')}</a> · <a href="/admin">${text('admin.link')}</a></footer>`;
}
