import type { Translator } from '@kuulo/viz';
import type { ApiClient } from './apiClient';
import type { QueueItem, StatementTranslation } from './apiTypes';
import { el, uniqueId } from './el';
import { languageName } from './languageName';

export interface StatementLanguagesContext {
  t: Translator;
  api: ApiClient;
  auth: () => Record<string, string>;
  /** The conversation's languages (they may change while the page is open). */
  languages: () => readonly string[];
  /** Statements whose editor is open: kept open when the row is drawn again. */
  openEditors: Set<number>;
  /** Sends one change, announces `done` and draws the list again with focus back on `button`. */
  change: (id: number, button: HTMLButtonElement, send: () => Promise<unknown>, done: string) => Promise<void>;
}

/** Per statement: correct the original's language, and write, fix or remove its translation into each other conversation language. */
export function statementLanguages(item: QueueItem, ctx: StatementLanguagesContext): HTMLDetailsElement {
  const { t, api, auth, change } = ctx;
  const conversationLanguages = ctx.languages();
  const choices = [...new Set([...conversationLanguages, ...(item.lang ? [item.lang] : [])])];
  const langId = uniqueId('statement-lang');
  const langSelect = el('select', { class: 'kuulo-input', attrs: { id: langId, 'data-focus': 'lang' } }, [
    !item.lang && el('option', { attrs: { value: '', selected: true } }, [t.t('moderate.lang.unknownOption')]),
    ...choices.map((lang) => el('option', { attrs: { value: lang, selected: lang === item.lang } }, [t.t('moderate.lang.option', { language: languageName(lang, t), code: lang })])),
  ]);
  const langButton = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button', 'data-focus': 'lang-save' } }, [t.t('moderate.lang.save')]);
  langButton.addEventListener('click', () => {
    if (langSelect.value === '' || langSelect.value === item.lang) return;
    const lang = langSelect.value;
    void change(item.id, langButton, () => api.send('PATCH', `/statements/${item.id}`, { lang }, auth()), t.t('moderate.lang.saved', { id: String(item.id), language: languageName(lang, t) }));
  });
  const source = item.lang && item.langSource ? el('p', { class: 'kuulo-hint' }, [t.t(`moderate.lang.source.${item.langSource}`)]) : null;

  const targets = conversationLanguages.filter((lang) => lang !== item.lang);
  const fields = targets.map((lang) => translationField(item, lang, item.translations?.[lang], ctx));
  const details = el('details', { class: 'kuulo-languages-editor', attrs: { open: ctx.openEditors.has(item.id) } }, [
    el('summary', { attrs: { 'data-focus': 'summary' } }, [t.t('moderate.languages')]),
    el('div', { class: 'kuulo-field' }, [el('label', { attrs: { for: langId } }, [t.t('moderate.lang.label')]), el('div', { class: 'kuulo-row' }, [langSelect, langButton]), source]),
    ...fields,
    targets.length === 0 && el('p', { class: 'kuulo-hint' }, [t.t('moderate.languages.none')]),
  ]);
  details.addEventListener('toggle', () => {
    if (details.open) ctx.openEditors.add(item.id);
    else ctx.openEditors.delete(item.id);
  });
  return details;
}

function translationField(item: QueueItem, lang: string, current: StatementTranslation | undefined, ctx: StatementLanguagesContext): HTMLElement {
  const { t, api, auth, change } = ctx;
  const language = languageName(lang, t);
  const id = uniqueId('translation');
  const hintId = uniqueId('translation-hint');
  const input = el('textarea', { class: 'kuulo-input', attrs: { id, lang, rows: 2, 'aria-describedby': hintId, 'data-focus': `text-${lang}` } });
  input.value = current?.text ?? '';
  const button = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button', 'data-focus': `save-${lang}` } }, [t.t('moderate.translation.save', { language })]);
  button.addEventListener('click', () => {
    const text = input.value.trim();
    if (text === (current?.text ?? '') && current?.source !== 'machine') return;
    if (text === '' && !current) return;
    const path = `/statements/${item.id}/translations/${encodeURIComponent(lang)}`;
    const values = { id: String(item.id), language };
    if (text === '') void change(item.id, button, () => api.send('DELETE', path, undefined, auth()), t.t('moderate.translation.removed', values));
    else void change(item.id, button, () => api.send('PUT', path, { text }, auth()), t.t('moderate.translation.saved', values));
  });
  return el('div', { class: 'kuulo-field kuulo-translation-field' }, [
    el('label', { attrs: { for: id } }, [t.t('moderate.translation.label', { language })]),
    current?.source === 'machine' && el('span', { class: 'kuulo-machine-label' }, [t.t('moderate.source.machine')]),
    input,
    el('p', { class: 'kuulo-hint', attrs: { id: hintId } }, [t.t(current?.source === 'machine' ? 'moderate.translation.machineHint' : 'moderate.translation.hint')]),
    button,
  ]);
}
