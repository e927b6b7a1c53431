import { errorMessage } from './apiClient';
import type { Conversation } from './apiTypes';
import type { AdminSession } from './adminSession';
import { conversationText } from './conversationText';
import { el, replaceChildren, uniqueId } from './el';

interface ConversationPage {
  items: Conversation[];
  next: number | null;
}

/** Open/closed and featured badges of a conversation. */
export function stateBadges(session: AdminSession, conversation: Conversation, featured: boolean): HTMLElement[] {
  const { t } = session;
  return [
    el('span', { class: `kuulo-badge ${conversation.open ? 'kuulo-badge-accepted' : 'kuulo-badge-rejected'}` }, [t.t(conversation.open ? 'admin.state.open' : 'admin.state.closed')]),
    ...(featured ? [el('span', { class: 'kuulo-badge kuulo-badge-featured' }, [t.t('admin.state.featured')])] : []),
  ];
}

/** Links to a conversation's participant page, moderator page and report. */
export function pageLinks(session: AdminSession, id: string): HTMLElement[] {
  const { t } = session;
  const base = `/c/${encodeURIComponent(id)}`;
  const moderate = el('a', { attrs: { href: `${base}/moderate` } }, [t.t('admin.link.moderate')]);
  // The admin key moderates every conversation: the moderator page opens without asking for a key.
  moderate.addEventListener('click', () => {
    try {
      sessionStorage.setItem(`kuulo.moderator.${id}`, session.key);
    } catch {
      // Without storage the moderator page asks for a key, which the admin key also opens.
    }
  });
  return [el('a', { attrs: { href: base } }, [t.t('admin.link.participant')]), moderate, el('a', { attrs: { href: `${base}/report` } }, [t.t('admin.link.report')])];
}

/** The list of every conversation on the server, with their state and counts, a page of 50 at a time. */
export function conversationList(session: AdminSession): HTMLElement {
  const { t } = session;
  const headingId = uniqueId('admin-list');
  const list = el('ul', { class: 'kuulo-admin-list' });
  const status = el('p', { class: 'kuulo-notice', attrs: { role: 'status' } }, [t.t('common.loading')]);
  const more = el('button', { class: 'kuulo-button', attrs: { type: 'button' } }, [t.t('admin.list.more')]);
  more.hidden = true;
  let featured: Set<string> = new Set();
  let next: number | null = null;
  let shown = 0;

  const item = (c: Conversation): HTMLElement => {
    const { topic } = conversationText(c, t.lang);
    return el('li', { class: 'kuulo-admin-item', attrs: { 'data-conversation': c.id } }, [
      el('h3', { class: 'kuulo-admin-item-title' }, [el('a', { attrs: { href: `#c/${c.id}`, lang: topic.lang } }, [topic.text]), ' ', ...stateBadges(session, c, featured.has(c.id))]),
      el('p', { class: 'kuulo-muted' }, [t.t('admin.list.meta', { id: c.id, ...c.counts })]),
      el('p', { class: 'kuulo-nav kuulo-admin-links' }, [el('a', { attrs: { href: `#c/${c.id}` } }, [t.t('admin.list.manage')]), ...pageLinks(session, c.id)]),
    ]);
  };

  const load = async (): Promise<void> => {
    more.disabled = true;
    try {
      const [page, starred] = await Promise.all([
        session.root.get<ConversationPage>(`/conversations?limit=50${next === null ? '' : `&after=${next}`}`),
        session.root.get<{ conversations: string[] }>('/featured'),
      ]);
      featured = new Set(starred.conversations);
      list.append(...page.items.map(item));
      shown += page.items.length;
      next = page.next;
      more.hidden = next === null;
      if (shown === 0) replaceChildren(status, [t.t('admin.list.empty'), ' ', el('a', { attrs: { href: '#new' } }, [t.t('admin.nav.new')])]);
      else status.textContent = t.t('admin.list.count', { count: shown });
    } catch (error) {
      status.textContent = errorMessage(error, t);
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => void load());
  void load();
  return el('section', { class: 'kuulo-card', attrs: { 'aria-labelledby': headingId } }, [
    el('h2', { class: 'kuulo-card-title', attrs: { id: headingId, tabindex: -1 } }, [t.t('admin.list.title')]),
    el('p', {}, [el('a', { class: 'kuulo-button kuulo-primary', attrs: { href: '#new' } }, [t.t('admin.nav.new')])]),
    status,
    list,
    more,
  ]);
}
