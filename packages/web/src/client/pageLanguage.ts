import type { Translator } from '@kuulo/viz';
import { applyDocumentLanguage, chooseLanguage, webTranslator } from './i18n';

/**
 * The translator of a Kuulo page: the switcher's stored choice, else the server's pick (which
 * already weighed `?lang=`, Accept-Language and the conversation's first language, and put it in
 * `<body data-lang>`); sets `<html lang dir>` to match.
 */
export async function pageTranslator(): Promise<Translator> {
  const lang = chooseLanguage({ query: new URLSearchParams(location.search).get('lang'), server: document.body.dataset.lang ?? null });
  applyDocumentLanguage(lang);
  const t = await webTranslator(lang);
  // The server cannot see a choice stored on the device: the shell's own text follows it here.
  if (lang !== document.body.dataset.lang) {
    const skip = document.querySelector<HTMLAnchorElement>('a.kuulo-skip');
    if (skip) skip.textContent = t.t('page.skip');
  }
  return t;
}

/** A page's answer to the switcher: remember the choice (done by the switcher) and load the page again in it. */
export function reloadInLanguage(lang: string): void {
  const url = new URL(location.href);
  url.searchParams.set('lang', lang);
  location.assign(url.toString());
}
