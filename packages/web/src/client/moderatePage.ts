import type { StatementId } from '@kuulo/core';
import { groupPanel, liveChart, type Translator } from '@kuulo/viz';
import { ApiError, apiClient, errorMessage } from './apiClient';
import type { Conversation, KuuloEvent, Statement } from './apiTypes';
import { chartWidth } from './chartWidth';
import { conversationText } from './conversationText';
import { debounce } from './debounce';
import { el, replaceChildren } from './el';
import { eventStream } from './eventStream';
import { renderFlaggedParticipants } from './flaggedParticipants';
import { languageSwitcher } from './languageSwitcher';
import { liveMap } from './liveMap';
import { liveSlot } from './liveSlot';
import { mathFeed } from './mathFeed';
import { moderationList } from './moderationList';
import { renderModerationLog } from './moderationLogView';
import { moderatorKeyForm, moderatorKeyStore } from './moderatorKey';
import { pageData } from './pageData';
import { pageTranslator, reloadInLanguage } from './pageLanguage';
import { questionsEditor } from './questionsEditor';
import { settingsForm, type SettingsChange } from './settingsForm';
import { statementForm } from './statementForm';
import { shownText } from './statementText';
import { updatedAt } from './updatedAt';

// Moderator page /c/:id/moderate: asks for the key, then the queue, live groups and settings.
const { conversationId, statementMaxLength, main } = pageData();
const api = apiClient('', conversationId);
const keys = moderatorKeyStore(conversationId);
const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });
const pageUrl = `/c/${encodeURIComponent(conversationId)}`;

void init();

async function init(): Promise<void> {
  const t = await pageTranslator();
  let conversation: Conversation;
  try {
    conversation = await api.get<Conversation>('');
  } catch (error) {
    const missing = error instanceof ApiError && error.code === 'CONVERSATION_NOT_FOUND';
    replaceChildren(main, [
      el('h1', {}, [t.t('moderate.title')]),
      el('p', { class: 'kuulo-notice kuulo-error', attrs: { role: 'alert' } }, [missing ? t.t('moderate.notFound', { id: conversationId }) : errorMessage(error)]),
    ]);
    return;
  }
  document.title = t.t('moderate.documentTitle', { topic: conversationText(conversation, t.lang).topic.text });
  const stored = keys.get();
  const problem = stored ? await tryKey(t, stored, conversation) : null;
  if (stored && problem === null) return;
  if (stored) keys.clear();
  showKeyForm(t, conversation, problem ?? '');
}

/** The topic in the reader's language, marked with the language it is written in. */
function topicView(t: Translator, conversation: Conversation): HTMLElement {
  const { topic } = conversationText(conversation, t.lang);
  return el('p', { class: 'kuulo-description', attrs: { lang: topic.lang } }, [topic.text]);
}

function showKeyForm(t: Translator, conversation: Conversation, message: string): void {
  replaceChildren(main, [
    el('header', { class: 'kuulo-header' }, [languageSwitcher(t, reloadInLanguage), el('h1', {}, [t.t('moderate.title')]), topicView(t, conversation)]),
    moderatorKeyForm(t, (key) => tryKey(t, key, conversation), message),
  ]);
}

/** Opens the moderation view when the key works; otherwise says why. */
async function tryKey(t: Translator, key: string, conversation: Conversation): Promise<string | null> {
  try {
    await api.get('/moderation/queue?limit=1', bearer(key));
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'AUTH_INVALID' || error.code === 'AUTH_REQUIRED')) return t.t('moderate.wrongKey');
    return errorMessage(error);
  }
  keys.set(key);
  start(t, key, conversation);
  return null;
}

function start(t: Translator, key: string, initial: Conversation): void {
  let conversation = initial;
  const auth = (): Record<string, string> => bearer(key);
  const announcer = el('p', { class: 'kuulo-announcer kuulo-visually-hidden', attrs: { role: 'status', 'aria-live': 'polite' } });
  const toast = el('p', { class: 'kuulo-toast', attrs: { 'aria-hidden': 'true' } });
  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  const announce = (text: string): void => {
    announcer.textContent = text;
    toast.textContent = text;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (toast.textContent = ''), 4000);
  };
  const pendingBadge = el('span', { class: 'kuulo-count-badge' });
  const list = moderationList(
    t,
    api,
    auth,
    announce,
    (count) => {
      pendingBadge.textContent = count === 0 ? '' : t.t('moderate.pendingBadge', { count });
    },
    () => conversation.languages,
  );
  const texts = new Map<StatementId, string>();
  const statementText = (id: StatementId): string | undefined => texts.get(id) ?? texts.get(Number(id));
  const mapBox = el('div', { class: 'kuulo-map' });
  const panelBox = el('div', { class: 'kuulo-chart-box' });
  const mathStatus = el('p', { class: 'kuulo-muted' }, [t.t('moderate.noVotesYet')]);
  const map = liveMap(mapBox, { t, statementText });
  const panel = liveSlot(panelBox, (result) => liveChart(groupPanel, result, { statementText, locale: t.lang, width: chartWidth(panelBox, 300, 720) }), t.t('moderate.groupsEmpty'));
  let topic = topicView(t, conversation);
  const openState = el('span', { class: 'kuulo-badge' });
  const showOpen = (): void => {
    openState.textContent = t.t(conversation.open ? 'moderate.open' : 'moderate.closed');
    openState.className = `kuulo-badge ${conversation.open ? 'kuulo-badge-accepted' : 'kuulo-badge-rejected'}`;
  };
  showOpen();

  const seeds = statementForm(
    { t, maxLength: statementMaxLength, title: t.t('moderate.seed.title'), hint: t.t('moderate.seed.hint'), button: t.t('moderate.seed.button'), errors: { STATEMENT_DUPLICATE: t.t('moderate.seed.duplicate') } },
    async (text) => {
      // Errors go to the form as they are: it words them for people.
      const statement = await api.send<Statement>('POST', '/seeds', { text }, auth());
      texts.set(statement.id, shownText(statement, t.lang).text);
      return t.t('moderate.seed.added', { id: String(statement.id) });
    },
  );
  const save = async (change: SettingsChange): Promise<Conversation> => {
    const languagesBefore = conversation.languages.join(',');
    conversation = await api.send<Conversation>('PATCH', '', change, auth());
    const shown = topicView(t, conversation);
    topic.replaceWith(shown);
    topic = shown;
    showOpen();
    // The statements' language editors offer the conversation's languages.
    if (conversation.languages.join(',') !== languagesBefore) void list.refresh();
    return conversation;
  };
  const signOut = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button' } }, [t.t('moderate.forgetKey')]);
  // Flood and bad-faith signals beside the live groups, and the moderation log at the end of the page.
  const flaggedBox = el('div', { class: 'kuulo-flagged-box' });
  const logBox = el('div', { class: 'kuulo-modlog-box' });
  const log = renderModerationLog(logBox, { t, api, auth, announce });
  const flagged = renderFlaggedParticipants(flaggedBox, { t, api, auth, announce, changed: () => void log.refresh() });

  replaceChildren(main, [
    el('header', { class: 'kuulo-header' }, [
      languageSwitcher(t, reloadInLanguage),
      el('h1', {}, [t.t('moderate.title'), ' ', openState]),
      topic,
      el('nav', { class: 'kuulo-nav', attrs: { 'aria-label': t.t('moderate.nav') } }, [
        el('a', { attrs: { href: pageUrl } }, [t.t('moderate.participantPage')]),
        el('a', { attrs: { href: `${pageUrl}/report` } }, [t.t('moderate.report')]),
        signOut,
      ]),
    ]),
    announcer,
    toast,
    // The queue takes the page's full width: compact rows, 15 and more a screen on a laptop.
    el('section', { class: 'kuulo-card kuulo-queue-card', attrs: { 'aria-labelledby': 'queue-title' } }, [
      el('h2', { class: 'kuulo-card-title', attrs: { id: 'queue-title' } }, [t.t('moderate.statements'), ' ', pendingBadge]),
      list.element,
    ]),
    el('div', { class: 'kuulo-columns' }, [
      el('section', { class: 'kuulo-card', attrs: { 'aria-labelledby': 'groups-title' } }, [
        el('h2', { class: 'kuulo-card-title', attrs: { id: 'groups-title' } }, [t.t('moderate.liveGroups')]),
        mathStatus,
        mapBox,
        panelBox,
      ]),
      flaggedBox,
    ]),
    el('div', { class: 'kuulo-columns' }, [seeds.element, settingsForm(t, conversation, save)]),
    questionsEditor({ t, api, auth, languages: () => conversation.languages }),
    logBox,
  ]);
  signOut.addEventListener('click', () => {
    keys.clear();
    location.reload();
  });

  const refreshTexts = async (): Promise<void> => {
    const page = await api.get<{ items: Statement[] }>('/moderation/queue?state=all&limit=500', auth());
    page.items.forEach((s) => texts.set(s.id, shownText(s, t.lang).text));
  };
  const feed = mathFeed(
    api,
    (reply) => {
      const result = reply.result;
      const show = (): void => {
        if (result.groups.length > 0) map.show(result);
        panel.show(result);
        const grouped = result.groups.reduce((n, g) => n + g.size, 0);
        mathStatus.textContent = t.t('moderate.mathStatus', { updated: updatedAt(reply.computedAt, reply.tick, t), participants: result.participants.length, grouped, groups: result.groups.length });
      };
      if (result.statements.some((id) => statementText(id) === undefined)) void refreshTexts().then(show, show);
      else show();
    },
    (error) => {
      mathStatus.textContent = errorMessage(error);
    },
  );
  const refreshList = debounce(() => void list.refresh(), 250);
  const refreshLog = debounce(() => void log.refresh(), 500);
  // New votes may raise flags: looked at again with each math update, at most every few seconds.
  const refreshFlagged = debounce(() => void flagged.refresh(), 3000);
  void list.refresh();
  void log.refresh();
  void flagged.refresh();
  eventStream(api.url('/events'), (event: KuuloEvent) => {
    if (event.type === 'math') {
      feed.tick(event.tick);
      refreshFlagged();
    } else if (event.type === 'statement' || event.type === 'moderation') {
      refreshList();
      if (event.type === 'moderation') refreshLog();
    }
    else if (event.type === 'conversation') {
      conversation = { ...conversation, open: event.open };
      showOpen();
    } else if (event.type === 'math-error') mathStatus.textContent = t.t('moderate.mathFailed', { message: event.message });
  });
}

