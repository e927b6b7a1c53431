import { errorMessage } from './apiClient';
import type { Conversation } from './apiTypes';
import type { AdminSession } from './adminSession';
import { el, replaceChildren, uniqueId } from './el';
import { oneTimeSecret } from './oneTimeSecret';
import { parseXidList, xidMaxLength } from './parseXidList';

type SignedChange = { signedXids?: boolean; rotateXidSecret?: boolean };

/**
 * Who may take part through an embedding platform's ids (xids): the allow-list (on/off, replaced
 * from a file of one xid per line or a CSV's first column) and signed xids with their secret,
 * which is shown once when it is made or replaced.
 */
export function xidSettings(session: AdminSession, initial: Conversation, save: (change: SignedChange) => Promise<Conversation & { xidSecret?: string }>): HTMLElement {
  const { t } = session;
  const api = session.conversationApi(initial.id);
  let current = initial;
  const ids = { heading: uniqueId('xids'), enabled: uniqueId('allowlist'), file: uniqueId('allowlist-file'), fileHint: uniqueId('allowlist-hint'), signed: uniqueId('signed'), rotate: uniqueId('rotate') };

  // Allow-list
  const enabled = el('input', { attrs: { id: ids.enabled, name: 'allowlist', type: 'checkbox' } });
  const file = el('input', { class: 'kuulo-input', attrs: { id: ids.file, name: 'xids', type: 'file', accept: '.txt,.csv,text/plain,text/csv', 'aria-describedby': ids.fileHint } });
  const size = el('p', { class: 'kuulo-muted' });
  const listStatus = el('p', { class: 'kuulo-notice', attrs: { role: 'status' } });
  const listButton = el('button', { class: 'kuulo-button kuulo-primary', attrs: { type: 'submit' } }, [t.t('admin.xids.allowlist.save')]);
  let xids: string[] | undefined;
  const showSize = (on: boolean, count: number): void => {
    enabled.checked = on;
    size.textContent = t.t('admin.xids.allowlist.size', { count });
  };
  api.get<{ enabled: boolean; size: number }>('/xid-allowlist').then(
    (state) => showSize(state.enabled, state.size),
    (error: unknown) => (listStatus.textContent = errorMessage(error, t)),
  );
  file.addEventListener('change', () => {
    xids = undefined;
    file.removeAttribute('aria-invalid');
    const chosen = file.files?.[0];
    if (!chosen) return;
    void chosen.text().then((text) => {
      const { xids: read, problem } = parseXidList(text);
      if (problem) {
        file.setAttribute('aria-invalid', 'true');
        const where = { file: chosen.name, line: problem.line, value: problem.value.slice(0, 80) };
        listStatus.textContent = problem.reason === 'tooLong' ? t.t('admin.xids.allowlist.tooLong', { ...where, max: xidMaxLength }) : t.t('admin.xids.allowlist.control', where);
        return;
      }
      xids = read;
      listStatus.textContent = t.t('admin.xids.allowlist.read', { count: read.length, file: chosen.name });
    });
  });
  const listForm = el('form', { class: 'kuulo-settings' }, [
    el('div', { class: 'kuulo-check' }, [enabled, el('label', { attrs: { for: ids.enabled } }, [t.t('admin.xids.allowlist.enabled')])]),
    size,
    el('label', { attrs: { for: ids.file } }, [t.t('admin.xids.allowlist.file')]),
    file,
    el('p', { class: 'kuulo-hint', attrs: { id: ids.fileHint } }, [t.t('admin.xids.allowlist.fileHint')]),
    listButton,
    listStatus,
  ]);
  listForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (file.getAttribute('aria-invalid') === 'true') {
      file.focus();
      return;
    }
    listButton.disabled = true;
    listStatus.textContent = t.t('settings.saving');
    api
      .send<{ enabled: boolean; size: number }>('PUT', '/xid-allowlist', { enabled: enabled.checked, ...(xids && { xids }) })
      .then((state) => {
        showSize(state.enabled, state.size);
        xids = undefined;
        file.value = '';
        listStatus.textContent = t.t('admin.xids.allowlist.saved', { count: state.size });
      })
      .catch((error: unknown) => (listStatus.textContent = errorMessage(error, t)))
      .finally(() => (listButton.disabled = false));
  });

  // Signed xids
  const signed = el('input', { attrs: { id: ids.signed, name: 'signedXids', type: 'checkbox' } });
  const rotate = el('input', { attrs: { id: ids.rotate, name: 'rotateXidSecret', type: 'checkbox' } });
  const rotateRow = el('div', { class: 'kuulo-check' }, [rotate, el('label', { attrs: { for: ids.rotate } }, [t.t('admin.xids.rotate')])]);
  const secretBox = el('div');
  const signedStatus = el('p', { class: 'kuulo-notice', attrs: { role: 'status' } });
  const signedButton = el('button', { class: 'kuulo-button kuulo-primary', attrs: { type: 'submit' } }, [t.t('admin.xids.signed.save')]);
  const fillSigned = (c: Conversation): void => {
    signed.checked = c.signedXids ?? false;
    rotate.checked = false;
    rotateRow.hidden = !(c.signedXids ?? false);
  };
  fillSigned(current);
  const signedForm = el('form', { class: 'kuulo-settings' }, [
    el('div', { class: 'kuulo-check' }, [signed, el('label', { attrs: { for: ids.signed } }, [t.t('admin.xids.signed')])]),
    el('p', { class: 'kuulo-hint' }, [t.t('admin.xids.signed.hint')]),
    rotateRow,
    signedButton,
    signedStatus,
    secretBox,
  ]);
  signedForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const was = current.signedXids ?? false;
    const change: SignedChange = signed.checked !== was ? { signedXids: signed.checked } : signed.checked && rotate.checked ? { rotateXidSecret: true } : {};
    if (Object.keys(change).length === 0) {
      signedStatus.textContent = t.t('settings.nothingChanged');
      return;
    }
    signedButton.disabled = true;
    signedStatus.textContent = t.t('settings.saving');
    save(change)
      .then((saved) => {
        current = saved;
        fillSigned(saved);
        signedStatus.textContent = t.t(saved.signedXids ? 'admin.xids.signed.on' : 'admin.xids.signed.off');
        secretBox.replaceChildren();
        if (saved.xidSecret) {
          replaceChildren(secretBox, [oneTimeSecret(t, { title: t.t('admin.secret.xidTitle'), hint: t.t('admin.secret.xidHint'), label: t.t('admin.secret.xidSecret'), value: saved.xidSecret, announce: session.announce })]);
          secretBox.querySelector('input')?.focus();
        }
      })
      .catch((error: unknown) => (signedStatus.textContent = errorMessage(error, t)))
      .finally(() => (signedButton.disabled = false));
  });

  return el('section', { class: 'kuulo-card', attrs: { 'aria-labelledby': ids.heading } }, [
    el('h3', { class: 'kuulo-card-title', attrs: { id: ids.heading } }, [t.t('admin.xids.title')]),
    el('p', { class: 'kuulo-hint' }, [t.t('admin.xids.hint')]),
    el('h4', { class: 'kuulo-admin-subtitle' }, [t.t('admin.xids.allowlist')]),
    listForm,
    el('h4', { class: 'kuulo-admin-subtitle' }, [t.t('admin.xids.signedTitle')]),
    signedForm,
  ]);
}
