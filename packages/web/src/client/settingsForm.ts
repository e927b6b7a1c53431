import type { Translator } from '@kuulo/viz';
import type { Conversation } from './apiTypes';
import { el, replaceChildren, uniqueId } from './el';
import { languageName } from './languageName';
import { saveChange } from './saveChange';

type Texts = { topic?: string; description?: string };

export type SettingsChange = Partial<
  Pick<Conversation, 'topic' | 'description' | 'strictModeration' | 'open' | 'dataOpen' | 'languages' | 'machineTranslation' | 'privacyFloor' | 'headlineMinVotes' | 'headlineMinGroupVotes'>
> & {
  /** Topic and description per language; a language with both empty loses its translation. */
  translations?: Record<string, Texts>;
};

/** Languages offered for adding: the city's three, the Sámi languages and those most spoken in Finland after them. */
const offered = ['fi', 'sv', 'en', 'se', 'smn', 'sms', 'et', 'ru', 'uk', 'so', 'ar', 'fa', 'ku', 'zh', 'es', 'de', 'fr'];

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The trust settings (issue #14): bounds and server defaults, as the server's schema has them. */
const numberSettings = [
  { key: 'privacyFloor', min: 2, max: 100, fallback: 5, label: 'settings.privacyFloor', hint: 'settings.privacyFloor.hint' },
  { key: 'headlineMinVotes', min: 1, max: 100000, fallback: 10, label: 'settings.headlineMinVotes', hint: 'settings.headlineMinVotes.hint' },
  { key: 'headlineMinGroupVotes', min: 1, max: 100000, fallback: 5, label: 'settings.headlineMinGroupVotes', hint: 'settings.headlineMinGroupVotes.hint' },
] as const;
type NumberSetting = (typeof numberSettings)[number]['key'];

/**
 * Conversation settings for moderators: topic, description, the conversation's languages (in
 * order, the first is the main one) with topic and description in each other language, machine
 * translation, strict moderation and open/closed. Only changed fields are sent (`save` does the
 * PATCH and returns the stored conversation).
 */
export function settingsForm(t: Translator, initial: Conversation, save: (change: SettingsChange) => Promise<Conversation>): HTMLElement {
  let current = initial;
  let languages: string[] = [];
  // Topic and description typed per language, kept while languages are added, moved or removed.
  let drafts = new Map<string, Texts>();
  const ids = {
    heading: uniqueId('settings'),
    topic: uniqueId('topic'),
    description: uniqueId('description'),
    strict: uniqueId('strict'),
    open: uniqueId('open'),
    languages: uniqueId('languages'),
    languagesHint: uniqueId('languages-hint'),
    add: uniqueId('add-language'),
    machine: uniqueId('machine'),
    machineHint: uniqueId('machine-hint'),
    results: uniqueId('results'),
    dataOpen: uniqueId('data-open'),
    dataOpenHint: uniqueId('data-open-hint'),
  };
  // One whole-number field per trust setting, each with its hint.
  const numbers = new Map(
    numberSettings.map(({ key, min, max }) => {
      const id = uniqueId(key);
      const input = el('input', { class: 'kuulo-input kuulo-input-number', attrs: { id, name: key, type: 'number', inputmode: 'numeric', min, max, step: 1, required: true, 'aria-describedby': `${id}-hint` } });
      return [key, { id, input }] as const;
    }),
  );
  const topic = el('input', { class: 'kuulo-input', attrs: { id: ids.topic, name: 'topic', required: true, maxlength: 1000 } });
  const description = el('textarea', { class: 'kuulo-input', attrs: { id: ids.description, name: 'description', rows: 4 } });
  const strict = el('input', { attrs: { id: ids.strict, name: 'strictModeration', type: 'checkbox' } });
  const open = el('input', { attrs: { id: ids.open, name: 'open', type: 'checkbox' } });
  const dataOpen = el('input', { attrs: { id: ids.dataOpen, name: 'dataOpen', type: 'checkbox', 'aria-describedby': ids.dataOpenHint } });
  const machine = el('input', { attrs: { id: ids.machine, name: 'machineTranslation', type: 'checkbox', 'aria-describedby': ids.machineHint } });
  const languageList = el('ol', { class: 'kuulo-language-list', attrs: { id: ids.languages, 'aria-describedby': ids.languagesHint } });
  const addSelect = el('select', { class: 'kuulo-input', attrs: { id: ids.add } });
  const addButton = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button' } }, [t.t('settings.languages.add')]);
  const translationBox = el('div', { class: 'kuulo-settings-translations' });
  const status = el('p', { class: 'kuulo-notice', attrs: { role: 'status' } });
  const button = el('button', { class: 'kuulo-button kuulo-primary', attrs: { type: 'submit' } }, [t.t('settings.save')]);

  /** Keeps what is typed in the translation fields before they are drawn again. */
  const keepDrafts = (): void => {
    for (const field of translationBox.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-lang][data-field]')) {
      const lang = field.dataset.lang!;
      drafts.set(lang, { ...drafts.get(lang), [field.dataset.field!]: field.value });
    }
  };

  const drawLanguages = (focus?: string): void => {
    keepDrafts();
    const main = languages[0];
    topic.lang = main ?? '';
    description.lang = main ?? '';
    replaceChildren(
      languageList,
      languages.map((lang, i) => {
        const language = languageName(lang, t);
        const up = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button', 'data-focus': `up-${lang}`, 'aria-label': t.t('settings.languages.upLabel', { language }) } }, [
          t.t('settings.languages.up'),
        ]);
        up.disabled = i === 0;
        up.addEventListener('click', () => {
          languages.splice(i - 1, 0, ...languages.splice(i, 1));
          drawLanguages(i - 1 === 0 ? `remove-${lang}` : `up-${lang}`);
        });
        const remove = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button', 'data-focus': `remove-${lang}`, 'aria-label': t.t('settings.languages.removeLabel', { language }) } }, [
          t.t('settings.languages.remove'),
        ]);
        remove.addEventListener('click', () => {
          languages.splice(i, 1);
          drawLanguages();
          addSelect.focus();
        });
        return el('li', { class: 'kuulo-language-item' }, [
          el('span', { class: 'kuulo-language-name', attrs: { lang } }, [t.t('settings.languages.item', { language, code: lang })]),
          i === 0 && el('span', { class: 'kuulo-badge' }, [t.t('settings.languages.main')]),
          el('span', { class: 'kuulo-actions' }, [up, remove]),
        ]);
      }),
    );
    if (languages.length === 0) languageList.append(el('li', { class: 'kuulo-muted' }, [t.t('settings.languages.empty')]));
    const addable = offered.filter((lang) => !languages.includes(lang));
    replaceChildren(addSelect, addable.map((lang) => el('option', { attrs: { value: lang } }, [t.t('settings.languages.item', { language: languageName(lang, t), code: lang })])));
    addButton.disabled = addable.length === 0;
    replaceChildren(translationBox, languages.slice(1).map(translationFields));
    if (focus) languageList.querySelector<HTMLElement>(`[data-focus="${focus}"]`)?.focus();
  };

  function translationFields(lang: string): HTMLElement {
    const language = languageName(lang, t);
    const draft = drafts.get(lang) ?? current.translations?.[lang] ?? {};
    const topicId = uniqueId('topic-translation');
    const descriptionId = uniqueId('description-translation');
    const topicInput = el('input', { class: 'kuulo-input', attrs: { id: topicId, lang, maxlength: 1000, 'data-lang': lang, 'data-field': 'topic' } });
    topicInput.value = draft.topic ?? '';
    const descriptionInput = el('textarea', { class: 'kuulo-input', attrs: { id: descriptionId, lang, rows: 3, 'data-lang': lang, 'data-field': 'description' } });
    descriptionInput.value = draft.description ?? '';
    return el('fieldset', { class: 'kuulo-fieldset' }, [
      el('legend', {}, [t.t('settings.translation.legend', { language })]),
      el('label', { attrs: { for: topicId } }, [t.t('settings.translation.topic', { language })]),
      topicInput,
      el('label', { attrs: { for: descriptionId } }, [t.t('settings.translation.description', { language })]),
      descriptionInput,
    ]);
  }

  addButton.addEventListener('click', () => {
    if (!addSelect.value) return;
    languages.push(addSelect.value);
    drawLanguages(`remove-${addSelect.value}`);
  });

  const fill = (c: Conversation): void => {
    topic.value = c.topic;
    description.value = c.description;
    strict.checked = c.strictModeration;
    open.checked = c.open;
    dataOpen.checked = c.dataOpen ?? false;
    machine.checked = c.machineTranslation ?? false;
    for (const { key, fallback } of numberSettings) numbers.get(key)!.input.value = String(c[key] ?? fallback);
    languages = [...c.languages];
    drafts = new Map();
    translationBox.replaceChildren();
    drawLanguages();
  };
  fill(current);

  const form = el('form', { class: 'kuulo-settings' }, [
    el('label', { attrs: { for: ids.topic } }, [t.t('settings.topic')]),
    topic,
    el('label', { attrs: { for: ids.description } }, [t.t('settings.description')]),
    description,
    el('fieldset', { class: 'kuulo-fieldset kuulo-languages-settings' }, [
      el('legend', {}, [t.t('settings.languages')]),
      el('p', { class: 'kuulo-hint', attrs: { id: ids.languagesHint } }, [t.t('settings.languages.hint')]),
      languageList,
      el('label', { attrs: { for: ids.add } }, [t.t('settings.languages.addLabel')]),
      el('div', { class: 'kuulo-row' }, [addSelect, addButton]),
    ]),
    translationBox,
    el('div', { class: 'kuulo-check' }, [machine, el('label', { attrs: { for: ids.machine } }, [t.t('settings.machine')])]),
    el('p', { class: 'kuulo-hint', attrs: { id: ids.machineHint } }, [t.t('settings.machine.hint')]),
    el('fieldset', { class: 'kuulo-fieldset kuulo-results-settings' }, [
      el('legend', { attrs: { id: ids.results } }, [t.t('settings.results')]),
      ...numberSettings.flatMap(({ key, label, hint }) => {
        const { id, input } = numbers.get(key)!;
        return [el('label', { attrs: { for: id } }, [t.t(label)]), input, el('p', { class: 'kuulo-hint', attrs: { id: `${id}-hint` } }, [t.t(hint)])];
      }),
    ]),
    el('div', { class: 'kuulo-check' }, [strict, el('label', { attrs: { for: ids.strict } }, [t.t('settings.strict')])]),
    el('div', { class: 'kuulo-check' }, [open, el('label', { attrs: { for: ids.open } }, [t.t('settings.open')])]),
    el('div', { class: 'kuulo-check' }, [dataOpen, el('label', { attrs: { for: ids.dataOpen } }, [t.t('settings.dataOpen')])]),
    el('p', { class: 'kuulo-hint', attrs: { id: ids.dataOpenHint } }, [t.t('settings.dataOpen.hint')]),
    button,
    status,
  ]);

  /** Says in the page's language what is wrong with a number field (the server's message is English). */
  const refuse = (input: HTMLInputElement, label: string, min: number, max: number): void => {
    status.textContent = t.t('settings.number.invalid', { field: t.t(label), min, max, value: input.value.trim() });
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  };
  // The browser checks min, max and step before submit: its 'invalid' event gets the same message.
  for (const { key, min, max, label } of numberSettings) {
    const { input } = numbers.get(key)!;
    input.addEventListener('invalid', () => refuse(input, label, min, max));
  }

  /** Topic and description per listed language that differ from the stored ones (the server takes only listed languages). */
  const translationChanges = (): Record<string, Texts> | undefined => {
    keepDrafts();
    const changes: Record<string, Texts> = {};
    const stored = current.translations ?? {};
    for (const lang of languages.slice(1)) {
      const draft = drafts.get(lang) ?? {};
      const want = { topic: (draft.topic ?? stored[lang]?.topic ?? '').trim(), description: (draft.description ?? stored[lang]?.description ?? '').trim() };
      if (want.topic !== (stored[lang]?.topic ?? '') || want.description !== (stored[lang]?.description ?? '')) changes[lang] = want;
    }
    return Object.keys(changes).length > 0 ? changes : undefined;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const change: SettingsChange = {};
    if (topic.value.trim() !== current.topic) change.topic = topic.value.trim();
    if (description.value.trim() !== current.description) change.description = description.value.trim();
    if (!same(languages, current.languages)) change.languages = [...languages];
    const translations = translationChanges();
    if (translations) change.translations = translations;
    if (machine.checked !== (current.machineTranslation ?? false)) change.machineTranslation = machine.checked;
    if (strict.checked !== current.strictModeration) change.strictModeration = strict.checked;
    if (open.checked !== current.open) change.open = open.checked;
    if (dataOpen.checked !== (current.dataOpen ?? false)) change.dataOpen = dataOpen.checked;
    for (const { key, min, max, fallback, label } of numberSettings) {
      const { input } = numbers.get(key)!;
      const value = Number(input.value.trim());
      if (input.value.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
        refuse(input, label, min, max);
        return;
      }
      input.removeAttribute('aria-invalid');
      if (value !== (current[key] ?? fallback)) change[key as NumberSetting] = value;
    }
    saveChange(change, { button, status, t, savedKey: 'settings.saved' }, save, (saved) => {
      current = saved;
      fill(saved);
    });
  });
  return el('section', { class: 'kuulo-card kuulo-settings-card', attrs: { 'aria-labelledby': ids.heading } }, [
    el('h2', { class: 'kuulo-card-title', attrs: { id: ids.heading } }, [t.t('settings.title')]),
    form,
  ]);
}
