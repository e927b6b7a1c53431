import { errorMessage } from './apiClient';
import type { AdminSession } from './adminSession';
import { el, replaceChildren, uniqueId } from './el';
import { oneTimeSecret } from './oneTimeSecret';

/**
 * Issues a new moderator key for a lost or leaked one, after a confirmation (the old key stops
 * working at once), and shows the new key once.
 */
export function moderatorKeyReissue(session: AdminSession, id: string): HTMLElement {
  const { t } = session;
  const headingId = uniqueId('reissue');
  const start = el('button', { class: 'kuulo-button', attrs: { type: 'button' } }, [t.t('admin.reissue.button')]);
  const confirm = el('div', { class: 'kuulo-admin-confirm' });
  const output = el('div');
  const status = el('p', { class: 'kuulo-notice', attrs: { role: 'status' } });
  start.addEventListener('click', () => {
    const yes = el('button', { class: 'kuulo-button kuulo-primary', attrs: { type: 'button' } }, [t.t('admin.reissue.yes')]);
    const no = el('button', { class: 'kuulo-button', attrs: { type: 'button' } }, [t.t('admin.reissue.cancel')]);
    replaceChildren(confirm, [el('p', {}, [t.t('admin.reissue.confirm')]), el('div', { class: 'kuulo-row' }, [yes, no])]);
    start.hidden = true;
    yes.focus();
    no.addEventListener('click', () => {
      confirm.replaceChildren();
      start.hidden = false;
      start.focus();
    });
    yes.addEventListener('click', () => {
      yes.disabled = true;
      no.disabled = true;
      status.textContent = t.t('admin.reissue.making');
      session.root
        .send<{ moderatorKey: string }>('POST', `/conversations/${encodeURIComponent(id)}/moderator-key`, {})
        .then(({ moderatorKey }) => {
          confirm.replaceChildren();
          start.hidden = false;
          status.textContent = '';
          replaceChildren(output, [
            oneTimeSecret(t, { title: t.t('admin.reissue.done'), hint: t.t('admin.secret.moderatorHint'), label: t.t('admin.secret.moderatorKey'), value: moderatorKey, announce: session.announce }),
          ]);
          session.announce(t.t('admin.reissue.done'));
          output.querySelector('input')?.focus();
        })
        .catch((error: unknown) => {
          yes.disabled = false;
          no.disabled = false;
          status.textContent = errorMessage(error, t);
        });
    });
  });
  return el('section', { class: 'kuulo-card', attrs: { 'aria-labelledby': headingId } }, [
    el('h3', { class: 'kuulo-card-title', attrs: { id: headingId } }, [t.t('admin.reissue.title')]),
    el('p', { class: 'kuulo-hint' }, [t.t('admin.reissue.hint')]),
    start,
    confirm,
    status,
    output,
  ]);
}
