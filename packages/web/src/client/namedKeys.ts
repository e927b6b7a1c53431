import { errorMessage } from './apiClient';
import type { AdminSession } from './adminSession';
import { el, replaceChildren, uniqueId } from './el';
import { oneTimeSecret } from './oneTimeSecret';

interface NamedKey {
  label: string;
  createdAt: number;
}

/**
 * A moderator key per person, named: the moderation log then says who did what. Lists the
 * conversation's named keys with a revoke button each, and makes a new one (shown once).
 */
export function namedKeys(session: AdminSession, id: string): HTMLElement {
  const { t } = session;
  const base = `/conversations/${encodeURIComponent(id)}/moderator-keys`;
  const ids = { heading: uniqueId('named-keys'), label: uniqueId('key-label'), hint: uniqueId('key-label-hint') };
  const list = el('ul', { class: 'kuulo-admin-keys' });
  const label = el('input', { class: 'kuulo-input', attrs: { id: ids.label, name: 'label', maxlength: 60, autocomplete: 'off', 'aria-describedby': ids.hint } });
  const button = el('button', { class: 'kuulo-button kuulo-primary', attrs: { type: 'submit' } }, [t.t('admin.keys.add')]);
  const status = el('p', { class: 'kuulo-notice', attrs: { role: 'status' } });
  const output = el('div');
  const date = new Intl.DateTimeFormat(t.lang, { dateStyle: 'medium' });

  const draw = (keys: NamedKey[]): void => {
    if (keys.length === 0) {
      replaceChildren(list, [el('li', { class: 'kuulo-muted' }, [t.t('admin.keys.none')])]);
      return;
    }
    replaceChildren(
      list,
      keys.map((key) => {
        const revoke = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button', 'aria-label': t.t('admin.keys.revokeLabel', { label: key.label }) } }, [t.t('admin.keys.revoke')]);
        revoke.addEventListener('click', () => {
          revoke.disabled = true;
          session.root
            .send<null>('DELETE', `${base}/${encodeURIComponent(key.label)}`, undefined)
            .then(() => {
              status.textContent = t.t('admin.keys.revoked', { label: key.label });
              return load();
            })
            .then(() => label.focus())
            .catch((error: unknown) => {
              revoke.disabled = false;
              status.textContent = errorMessage(error, t);
            });
        });
        return el('li', { class: 'kuulo-admin-key' }, [el('span', {}, [t.t('admin.keys.item', { label: key.label, date: date.format(key.createdAt) })]), ' ', revoke]);
      }),
    );
  };
  const load = (): Promise<void> => session.root.get<{ items: NamedKey[] }>(base).then((reply) => draw(reply.items));
  load().catch((error: unknown) => (status.textContent = errorMessage(error, t)));

  const form = el('form', { class: 'kuulo-settings' }, [
    el('label', { attrs: { for: ids.label } }, [t.t('admin.keys.label')]),
    el('p', { class: 'kuulo-hint', attrs: { id: ids.hint } }, [t.t('admin.keys.labelHint')]),
    el('div', { class: 'kuulo-row' }, [label, button]),
    status,
    output,
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = label.value.trim();
    if (name === '') {
      status.textContent = t.t('admin.keys.empty');
      label.focus();
      return;
    }
    button.disabled = true;
    session.root
      .send<{ label: string; moderatorKey: string }>('POST', base, { label: name })
      .then((made) => {
        label.value = '';
        status.textContent = '';
        replaceChildren(output, [
          oneTimeSecret(t, { title: t.t('admin.keys.made', { label: made.label }), hint: t.t('admin.secret.moderatorHint'), label: t.t('admin.keys.keyOf', { label: made.label }), value: made.moderatorKey, announce: session.announce }),
        ]);
        session.announce(t.t('admin.keys.made', { label: made.label }));
        output.querySelector('input')?.focus();
        return load();
      })
      .catch((error: unknown) => (status.textContent = errorMessage(error, t)))
      .finally(() => (button.disabled = false));
  });
  return el('section', { class: 'kuulo-card', attrs: { 'aria-labelledby': ids.heading } }, [
    el('h3', { class: 'kuulo-card-title', attrs: { id: ids.heading } }, [t.t('admin.keys.title')]),
    el('p', { class: 'kuulo-hint' }, [t.t('admin.keys.hint')]),
    list,
    form,
  ]);
}
