import { errorMessage } from './apiClient';
import type { AdminSession } from './adminSession';
import { bearer } from './adminSession';
import { el, uniqueId } from './el';

/** The files of GET …/export/:file, with what each holds. */
const files = [
  { file: 'comments.csv', label: 'admin.export.comments' },
  { file: 'votes.csv', label: 'admin.export.votes' },
  { file: 'participants-votes.csv', label: 'admin.export.participantsVotes' },
  { file: 'summary.csv', label: 'admin.export.summary' },
  { file: 'math.json', label: 'admin.export.math' },
  { file: 'math-pca2.json', label: 'admin.export.pca2' },
] as const;

/**
 * One button per export. The files need the key in a header, so a plain link cannot fetch them:
 * each button fetches its file and hands it to the browser as a download.
 */
export function adminExports(session: AdminSession, id: string): HTMLElement {
  const { t } = session;
  const headingId = uniqueId('exports');
  const status = el('p', { class: 'kuulo-notice', attrs: { role: 'status' } });
  const download = async (file: string, button: HTMLButtonElement): Promise<void> => {
    button.disabled = true;
    status.textContent = t.t('admin.export.preparing', { file });
    try {
      const response = await fetch(session.conversationApi(id).url(`/export/${file}`), { headers: bearer(session.key) });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
        status.textContent = body?.code === 'MATH_NOT_READY' ? t.t('admin.export.noMath') : (body?.message ?? response.statusText);
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const link = el('a', { attrs: { href: url, download: `${id}-${file}` } });
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has taken the file once the click ran: free the memory a moment later.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      status.textContent = t.t('admin.export.done', { file: `${id}-${file}` });
    } catch (error) {
      status.textContent = errorMessage(error, t);
    } finally {
      button.disabled = false;
    }
  };
  const items = files.map(({ file, label }) => {
    const button = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button', 'data-file': file } }, [t.t('admin.export.button', { file })]);
    button.addEventListener('click', () => void download(file, button));
    return el('li', { class: 'kuulo-admin-export' }, [button, el('span', { class: 'kuulo-muted' }, [t.t(label)])]);
  });
  return el('section', { class: 'kuulo-card', attrs: { 'aria-labelledby': headingId } }, [
    el('h3', { class: 'kuulo-card-title', attrs: { id: headingId } }, [t.t('admin.export.title')]),
    el('p', { class: 'kuulo-hint' }, [t.t('admin.export.hint')]),
    el('ul', { class: 'kuulo-admin-exports' }, items),
    status,
  ]);
}
