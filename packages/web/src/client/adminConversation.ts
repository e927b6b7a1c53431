import { ApiError, errorMessage } from './apiClient';
import type { Conversation } from './apiTypes';
import type { CreatedConversation } from './adminCreate';
import { renderActivityPanel } from './adminActivity';
import { adminExports } from './adminExports';
import { pageLinks, stateBadges } from './adminList';
import type { AdminSession } from './adminSession';
import { renderSharePanel, type PanelContext } from './adminShare';
import { conversationText } from './conversationText';
import { el, replaceChildren, uniqueId } from './el';
import { mathSettings } from './mathSettings';
import { moderatorKeyReissue } from './moderatorKeyReissue';
import { namedKeys } from './namedKeys';
import { oneTimeSecret } from './oneTimeSecret';
import { settingsForm, type SettingsChange } from './settingsForm';
import { uncertaintyRun } from './uncertaintyRun';
import { xidSettings } from './xidSettings';

/**
 * One conversation in the console: its state (open, featured) and pages, the secrets of a
 * conversation just created, sharing, every setting, the moderator key, exports, the uncertainty
 * check and activity. `created` carries the secrets the server returned once.
 */
export function conversationView(session: AdminSession, id: string, created?: CreatedConversation): HTMLElement {
  const { t } = session;
  const api = session.conversationApi(id);
  const headingId = uniqueId('conversation');
  const heading = el('h2', { class: 'kuulo-admin-title', attrs: { id: headingId, tabindex: -1 } }, [t.t('common.loading')]);
  const badges = el('p', { class: 'kuulo-admin-badges' });
  const body = el('div', { class: 'kuulo-admin-body' });
  void load();
  return el('section', { class: 'kuulo-admin-conversation', attrs: { 'aria-labelledby': headingId, 'data-conversation': id } }, [
    el('p', {}, [el('a', { attrs: { href: '#' } }, [t.t('admin.back')])]),
    heading,
    badges,
    body,
  ]);

  async function load(): Promise<void> {
    let conversation: Conversation;
    let featured: boolean;
    try {
      const [c, list] = await Promise.all([api.get<Conversation>(''), session.root.get<{ conversations: string[] }>('/featured')]);
      conversation = c;
      featured = list.conversations.includes(id);
    } catch (error) {
      heading.textContent = t.t('admin.title');
      const missing = error instanceof ApiError && error.code === 'CONVERSATION_NOT_FOUND';
      replaceChildren(body, [el('p', { class: 'kuulo-notice kuulo-error', attrs: { role: 'alert' } }, [missing ? t.t('admin.notFound', { id }) : errorMessage(error, t)])]);
      return;
    }
    const showHeader = (): void => {
      const { topic } = conversationText(conversation, t.lang);
      heading.textContent = topic.text;
      heading.lang = topic.lang ?? '';
      replaceChildren(badges, [t.t('admin.conversation.id', { id }), ' ', ...stateBadges(session, conversation, featured)]);
    };
    showHeader();
    document.title = t.t('admin.conversation.documentTitle', { topic: conversationText(conversation, t.lang).topic.text });

    // Every settings part saves through here, so the header and the other forms see the new state.
    const patch = async (change: Record<string, unknown>): Promise<Conversation & { xidSecret?: string }> => {
      const saved = await api.send<Conversation & { xidSecret?: string }>('PATCH', '', change);
      conversation = saved;
      showHeader();
      return saved;
    };
    const settingsSlot = el('div');
    const drawSettings = (): void => replaceChildren(settingsSlot, [settingsForm(t, conversation, (change: SettingsChange) => patch(change).then((saved) => (showState(), saved)))]);

    // State: open or closed, featured on the start page or not.
    const stateId = uniqueId('state');
    const openText = el('p', {});
    const openButton = el('button', { class: 'kuulo-button', attrs: { type: 'button' } });
    const featureText = el('p', {});
    const featureButton = el('button', { class: 'kuulo-button', attrs: { type: 'button' } });
    const stateStatus = el('p', { class: 'kuulo-notice', attrs: { role: 'status' } });
    const showState = (): void => {
      openText.textContent = t.t(conversation.open ? 'admin.state.openHint' : 'admin.state.closedHint');
      openButton.textContent = t.t(conversation.open ? 'admin.action.close' : 'admin.action.open');
      featureText.textContent = t.t(featured ? 'admin.state.featuredHint' : 'admin.state.notFeaturedHint');
      featureButton.textContent = t.t(featured ? 'admin.action.unfeature' : 'admin.action.feature');
    };
    showState();
    openButton.addEventListener('click', () => {
      openButton.disabled = true;
      patch({ open: !conversation.open })
        .then(() => {
          showState();
          drawSettings();
          stateStatus.textContent = t.t(conversation.open ? 'admin.state.opened' : 'admin.state.closedNow');
        })
        .catch((error: unknown) => (stateStatus.textContent = errorMessage(error, t)))
        .finally(() => (openButton.disabled = false));
    });
    featureButton.addEventListener('click', () => {
      featureButton.disabled = true;
      session.root
        .send<{ conversations: string[] }>('PUT', `/conversations/${encodeURIComponent(id)}/featured`, { featured: !featured })
        .then((list) => {
          featured = list.conversations.includes(id);
          showHeader();
          showState();
          stateStatus.textContent = t.t(featured ? 'admin.state.featuredNow' : 'admin.state.unfeaturedNow');
        })
        .catch((error: unknown) => (stateStatus.textContent = errorMessage(error, t)))
        .finally(() => (featureButton.disabled = false));
    });
    const stateCard = el('section', { class: 'kuulo-card', attrs: { 'aria-labelledby': stateId } }, [
      el('h3', { class: 'kuulo-card-title', attrs: { id: stateId } }, [t.t('admin.state.title')]),
      el('nav', { class: 'kuulo-nav', attrs: { 'aria-label': t.t('admin.pages') } }, pageLinks(session, id)),
      openText,
      openButton,
      featureText,
      featureButton,
      stateStatus,
    ]);

    const secrets = created
      ? el('section', { class: 'kuulo-card kuulo-admin-secrets', attrs: { 'aria-label': t.t('admin.created.title') } }, [
          el('p', { class: 'kuulo-notice' }, [t.t('admin.created.lead')]),
          oneTimeSecret(t, { title: t.t('admin.created.title'), hint: t.t('admin.secret.moderatorHint'), label: t.t('admin.secret.moderatorKey'), value: created.moderatorKey, announce: session.announce }),
          created.xidSecret !== undefined &&
            oneTimeSecret(t, { title: t.t('admin.secret.xidTitle'), hint: t.t('admin.secret.xidHint'), label: t.t('admin.secret.xidSecret'), value: created.xidSecret, announce: session.announce }),
        ])
      : null;

    // The share/embed and activity panels (adminShare.ts, adminActivity.ts) get the conversation as it was loaded.
    const ctx: PanelContext = { conversation, api, t };
    const shareSlot = el('div', { class: 'kuulo-admin-share' });
    const activitySlot = el('div', { class: 'kuulo-admin-activity' });
    session.onLeave(renderSharePanel(shareSlot, ctx));
    session.onLeave(renderActivityPanel(activitySlot, ctx));
    drawSettings();
    replaceChildren(body, [
      secrets,
      el('div', { class: 'kuulo-columns' }, [stateCard, shareSlot]),
      el('h3', { class: 'kuulo-admin-section' }, [t.t('admin.section.settings')]),
      el('div', { class: 'kuulo-columns' }, [settingsSlot, el('div', {}, [mathSettings(t, conversation, patch), xidSettings(session, conversation, patch)])]),
      el('h3', { class: 'kuulo-admin-section' }, [t.t('admin.section.data')]),
      el('div', { class: 'kuulo-columns' }, [el('div', {}, [adminExports(session, id), uncertaintyRun(session, id)]), activitySlot]),
      el('h3', { class: 'kuulo-admin-section' }, [t.t('admin.section.keys')]),
      el('div', { class: 'kuulo-columns' }, [moderatorKeyReissue(session, id), namedKeys(session, id)]),
    ]);
  }
}

