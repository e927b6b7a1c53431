import { languageNames, type Translator } from '@kuulo/viz';
import { el } from './el';
import { availableLanguages, rememberLanguage } from './i18n';

/**
 * Links to the interface in each language, each name written in its own language (and marked
 * with `lang`, so a screen reader says "Svenska" in Swedish). A choice is remembered on this
 * device, then `onChoose` shows it (a page reloads; the embed renders again).
 */
export function languageSwitcher(t: Translator, onChoose: (lang: string) => void): HTMLElement {
  const items = availableLanguages.map((lang) => {
    const current = lang === t.lang;
    const url = new URL(location.href);
    url.searchParams.set('lang', lang);
    const link = el(
      'a',
      {
        class: 'kuulo-language',
        attrs: { href: url.pathname + url.search, lang, hreflang: lang, 'aria-current': current ? 'true' : undefined },
        on: {
          click: (event) => {
            event.preventDefault();
            rememberLanguage(lang);
            if (!current) onChoose(lang);
          },
        },
      },
      [languageNames[lang] ?? lang],
    );
    return el('li', {}, [link]);
  });
  return el('nav', { class: 'kuulo-languages', attrs: { 'aria-label': t.t('language.switcher') } }, [el('ul', {}, items)]);
}
