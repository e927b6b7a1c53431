import type { Translator } from '@kuulo/viz';
import type { Statement, StatementTranslation } from './apiTypes';
import { el } from './el';

/** The text of a statement a reader sees: a translation into their language when there is one, else the original. */
export interface ShownText {
  text: string;
  /** Language of `text` (null when unknown). */
  lang: string | null;
  /** 'original', or who translated it. */
  source: 'original' | StatementTranslation['source'];
}

/** Picks the statement's text for a reader of `lang`: the original when written in it, else a translation, else the original. */
export function shownText(statement: Pick<Statement, 'text' | 'lang' | 'translations'>, lang: string): ShownText {
  if (statement.lang === lang) return { text: statement.text, lang, source: 'original' };
  const translation = statement.translations?.[lang];
  if (translation) return { text: translation.text, lang, source: translation.source };
  return { text: statement.text, lang: statement.lang, source: 'original' };
}

/**
 * A statement's text as a reader of `t.lang` sees it, always as text, in an element whose `lang`
 * says which language it is in. A machine translation carries a label and a button that shows
 * the original (and back).
 */
export function statementTextView(statement: Pick<Statement, 'text' | 'lang' | 'translations'>, t: Translator, className = 'kuulo-statement-text'): HTMLElement {
  const shown = shownText(statement, t.lang);
  const text = el('span', { class: className, attrs: { lang: shown.lang ?? undefined } }, [shown.text]);
  if (shown.source !== 'machine') return text;
  let showingOriginal = false;
  const label = el('span', { class: 'kuulo-machine-label' }, [t.t('statement.machineTranslated')]);
  const toggle = el('button', {
    class: 'kuulo-link-button',
    attrs: { type: 'button', 'aria-pressed': 'false' },
    on: {
      click: () => {
        showingOriginal = !showingOriginal;
        text.textContent = showingOriginal ? statement.text : shown.text;
        if (showingOriginal && statement.lang) text.lang = statement.lang;
        else if (showingOriginal) text.removeAttribute('lang');
        else text.lang = shown.lang ?? '';
        toggle.textContent = t.t(showingOriginal ? 'statement.showTranslation' : 'statement.showOriginal');
        toggle.setAttribute('aria-pressed', String(showingOriginal));
        label.hidden = showingOriginal;
      },
    },
  }, [t.t('statement.showOriginal')]);
  return el('span', { class: 'kuulo-statement-translated' }, [text, ' ', el('span', { class: 'kuulo-machine-note' }, [label, ' ', toggle])]);
}
