import { errorMessage } from './apiClient';
import type { Conversation } from './apiTypes';
import { el, uniqueId } from './el';

export type SettingsChange = Partial<Pick<Conversation, 'topic' | 'description' | 'strictModeration' | 'open'>>;

/**
 * Conversation settings for moderators: topic, description, strict moderation and open/closed.
 * Only changed fields are sent (`save` does the PATCH and returns the stored conversation).
 */
export function settingsForm(initial: Conversation, save: (change: SettingsChange) => Promise<Conversation>): HTMLElement {
  let current = initial;
  const ids = { heading: uniqueId('settings'), topic: uniqueId('topic'), description: uniqueId('description'), strict: uniqueId('strict'), open: uniqueId('open') };
  const topic = el('input', { class: 'kuulo-input', attrs: { id: ids.topic, name: 'topic', required: true, maxlength: 1000 } });
  const description = el('textarea', { class: 'kuulo-input', attrs: { id: ids.description, name: 'description', rows: 4 } });
  const strict = el('input', { attrs: { id: ids.strict, name: 'strictModeration', type: 'checkbox' } });
  const open = el('input', { attrs: { id: ids.open, name: 'open', type: 'checkbox' } });
  const status = el('p', { class: 'kuulo-notice', attrs: { role: 'status' } });
  const button = el('button', { class: 'kuulo-button kuulo-primary', attrs: { type: 'submit' } }, ['Save settings']);
  const fill = (c: Conversation): void => {
    topic.value = c.topic;
    description.value = c.description;
    strict.checked = c.strictModeration;
    open.checked = c.open;
  };
  fill(current);

  const form = el('form', { class: 'kuulo-settings' }, [
    el('label', { attrs: { for: ids.topic } }, ['Topic']),
    topic,
    el('label', { attrs: { for: ids.description } }, ['Description']),
    description,
    el('div', { class: 'kuulo-check' }, [strict, el('label', { attrs: { for: ids.strict } }, ['Strict moderation: new statements stay hidden until accepted'])]),
    el('div', { class: 'kuulo-check' }, [open, el('label', { attrs: { for: ids.open } }, ['Open: participants can vote and write statements'])]),
    button,
    status,
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const change: SettingsChange = {};
    if (topic.value.trim() !== current.topic) change.topic = topic.value.trim();
    if (description.value.trim() !== current.description) change.description = description.value.trim();
    if (strict.checked !== current.strictModeration) change.strictModeration = strict.checked;
    if (open.checked !== current.open) change.open = open.checked;
    if (Object.keys(change).length === 0) {
      status.textContent = 'Nothing changed.';
      return;
    }
    button.disabled = true;
    status.textContent = 'Saving…';
    save(change)
      .then((saved) => {
        current = saved;
        fill(saved);
        status.textContent = 'Settings saved.';
      })
      .catch((error: unknown) => {
        status.textContent = errorMessage(error);
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  return el('section', { class: 'kuulo-card kuulo-settings-card', attrs: { 'aria-labelledby': ids.heading } }, [
    el('h2', { class: 'kuulo-card-title', attrs: { id: ids.heading } }, ['Conversation settings']),
    form,
  ]);
}
