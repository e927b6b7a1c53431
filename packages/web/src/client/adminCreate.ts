import { ApiError, errorMessage } from './apiClient';
import type { Conversation } from './apiTypes';
import type { AdminSession } from './adminSession';
import { el, uniqueId } from './el';
import { languageName } from './languageName';

/** POST /conversations's reply: the secrets in it are shown once. */
export interface CreatedConversation {
  conversation: Conversation;
  moderatorKey: string;
  xidSecret?: string;
}

/** Main languages offered at creation; more are added in the settings afterwards. */
const mainLanguages = ['fi', 'sv', 'en', 'se', 'smn', 'sms', 'et', 'ru', 'uk', 'so', 'ar', 'fa', 'ku', 'zh', 'es', 'de', 'fr'];
/** The server's conversation id pattern. */
const idPattern = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Creates a conversation from a topic, a description, its main language, an optional id and the
 * moderation mode; every other setting is on the conversation's page, which opens next.
 */
export function createForm(session: AdminSession, onCreated: (reply: CreatedConversation) => void): HTMLElement {
  const { t } = session;
  const ids = { heading: uniqueId('create'), topic: uniqueId('topic'), description: uniqueId('description'), lang: uniqueId('lang'), id: uniqueId('id'), idHint: uniqueId('id-hint'), strict: uniqueId('strict') };
  const topic = el('input', { class: 'kuulo-input', attrs: { id: ids.topic, name: 'topic', required: true, maxlength: 1000 } });
  const description = el('textarea', { class: 'kuulo-input', attrs: { id: ids.description, name: 'description', rows: 4 } });
  const lang = el(
    'select',
    { class: 'kuulo-input', attrs: { id: ids.lang, name: 'language' } },
    mainLanguages.map((code) => el('option', { attrs: { value: code } }, [t.t('admin.create.languageOption', { language: languageName(code, t), code })])),
  );
  // The reader's own language is the likeliest main language.
  lang.value = mainLanguages.includes(t.lang) ? t.lang : 'fi';
  const id = el('input', { class: 'kuulo-input', attrs: { id: ids.id, name: 'id', maxlength: 63, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': ids.idHint } });
  const strict = el('input', { attrs: { id: ids.strict, name: 'strictModeration', type: 'checkbox' } });
  const status = el('p', { class: 'kuulo-notice', attrs: { role: 'status' } });
  const button = el('button', { class: 'kuulo-button kuulo-primary', attrs: { type: 'submit' } }, [t.t('admin.create.button')]);
  const refuse = (input: HTMLInputElement, message: string): void => {
    status.textContent = message;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  };

  const form = el('form', { class: 'kuulo-settings kuulo-admin-create', attrs: { novalidate: true } }, [
    el('label', { attrs: { for: ids.topic } }, [t.t('admin.create.topic')]),
    topic,
    el('label', { attrs: { for: ids.description } }, [t.t('admin.create.description')]),
    description,
    el('label', { attrs: { for: ids.lang } }, [t.t('admin.create.language')]),
    lang,
    el('label', { attrs: { for: ids.id } }, [t.t('admin.create.id')]),
    id,
    el('p', { class: 'kuulo-hint', attrs: { id: ids.idHint } }, [t.t('admin.create.id.hint')]),
    el('div', { class: 'kuulo-check' }, [strict, el('label', { attrs: { for: ids.strict } }, [t.t('settings.strict')])]),
    button,
    status,
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const input of [topic, id]) input.removeAttribute('aria-invalid');
    const text = topic.value.trim();
    if (text === '') return refuse(topic, t.t('admin.create.topic.empty'));
    const chosen = id.value.trim().toLowerCase();
    if (chosen !== '' && !idPattern.test(chosen)) return refuse(id, t.t('admin.create.id.invalid', { value: chosen }));
    button.disabled = true;
    status.textContent = t.t('admin.create.creating');
    session.root
      .send<CreatedConversation>('POST', '/conversations', {
        topic: text,
        ...(description.value.trim() !== '' && { description: description.value.trim() }),
        languages: [lang.value],
        strictModeration: strict.checked,
        ...(chosen !== '' && { id: chosen }),
      })
      .then((reply) => {
        session.announce(t.t('admin.create.created', { id: reply.conversation.id }));
        onCreated(reply);
      })
      .catch((error: unknown) => {
        button.disabled = false;
        if (error instanceof ApiError && error.code === 'CONVERSATION_EXISTS') return refuse(id, t.t('admin.create.exists', { id: chosen }));
        status.textContent = errorMessage(error, t);
      });
  });
  return el('section', { class: 'kuulo-card', attrs: { 'aria-labelledby': ids.heading } }, [
    el('h2', { class: 'kuulo-card-title', attrs: { id: ids.heading, tabindex: -1 } }, [t.t('admin.create.title')]),
    el('p', { class: 'kuulo-hint' }, [t.t('admin.create.hint')]),
    form,
  ]);
}
