import type { StatementId } from '@kuulo/core';
import { groupPanel, liveChart } from '@kuulo/viz';
import { ApiError, apiClient, errorMessage } from './apiClient';
import type { Conversation, KuuloEvent, Statement } from './apiTypes';
import { chartWidth } from './chartWidth';
import { debounce } from './debounce';
import { el, replaceChildren } from './el';
import { eventStream } from './eventStream';
import { liveMap } from './liveMap';
import { liveSlot } from './liveSlot';
import { mathFeed } from './mathFeed';
import { moderationList } from './moderationList';
import { moderatorKeyForm, moderatorKeyStore } from './moderatorKey';
import { pageData } from './pageData';
import { settingsForm, type SettingsChange } from './settingsForm';
import { statementForm } from './statementForm';
import { updatedAt } from './updatedAt';

// Moderator page /c/:id/moderate: asks for the key, then the queue, live groups and settings.
const { conversationId, statementMaxLength, main } = pageData();
const api = apiClient('', conversationId);
const keys = moderatorKeyStore(conversationId);
const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });
const pageUrl = `/c/${encodeURIComponent(conversationId)}`;

void init();

async function init(): Promise<void> {
  let conversation: Conversation;
  try {
    conversation = await api.get<Conversation>('');
  } catch (error) {
    const missing = error instanceof ApiError && error.code === 'CONVERSATION_NOT_FOUND';
    replaceChildren(main, [el('h1', {}, ['Moderation']), el('p', { class: 'kuulo-notice kuulo-error', attrs: { role: 'alert' } }, [missing ? `There is no conversation “${conversationId}”.` : errorMessage(error)])]);
    return;
  }
  document.title = `Moderate: ${conversation.topic} · Kuulo`;
  const stored = keys.get();
  const problem = stored ? await tryKey(stored, conversation) : null;
  if (stored && problem === null) return;
  if (stored) keys.clear();
  showKeyForm(conversation, problem ?? '');
}

function showKeyForm(conversation: Conversation, message: string): void {
  replaceChildren(main, [
    el('header', { class: 'kuulo-header' }, [el('h1', {}, ['Moderation']), el('p', { class: 'kuulo-description' }, [conversation.topic])]),
    moderatorKeyForm((key) => tryKey(key, conversation), message),
  ]);
}

/** Opens the moderation view when the key works; otherwise says why. */
async function tryKey(key: string, conversation: Conversation): Promise<string | null> {
  try {
    await api.get('/moderation/queue?limit=1', bearer(key));
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'AUTH_INVALID' || error.code === 'AUTH_REQUIRED')) return 'That key does not moderate this conversation.';
    return errorMessage(error);
  }
  keys.set(key);
  start(key, conversation);
  return null;
}

function start(key: string, initial: Conversation): void {
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
  const list = moderationList(api, auth, announce, (count) => {
    pendingBadge.textContent = count === 0 ? '' : `${count} pending`;
  });
  const texts = new Map<StatementId, string>();
  const statementText = (id: StatementId): string | undefined => texts.get(id) ?? texts.get(Number(id));
  const mapBox = el('div', { class: 'kuulo-map' });
  const panelBox = el('div', { class: 'kuulo-chart-box' });
  const mathStatus = el('p', { class: 'kuulo-muted' }, ['No votes have been counted yet.']);
  const map = liveMap(mapBox, { statementText });
  const panel = liveSlot(panelBox, (result) => liveChart(groupPanel, result, { statementText, width: chartWidth(panelBox, 300, 720) }), 'Groups appear once enough people have voted.');
  const topic = el('p', { class: 'kuulo-description' }, [conversation.topic]);
  const openState = el('span', { class: 'kuulo-badge' });
  const showOpen = (): void => {
    openState.textContent = conversation.open ? 'open' : 'closed';
    openState.className = `kuulo-badge ${conversation.open ? 'kuulo-badge-accepted' : 'kuulo-badge-rejected'}`;
  };
  showOpen();

  const seeds = statementForm(
    { maxLength: statementMaxLength, title: 'Add a seed statement', hint: 'Seed statements are accepted at once. Good seeds cover different views.', button: 'Add seed statement' },
    async (text) => {
      try {
        const statement = await api.send<Statement>('POST', '/seeds', { text }, auth());
        texts.set(statement.id, statement.text);
        return `Seed statement #${statement.id} added.`;
      } catch (error) {
        throw new Error(errorMessage(error));
      }
    },
  );
  const save = async (change: SettingsChange): Promise<Conversation> => {
    conversation = await api.send<Conversation>('PATCH', '', change, auth());
    topic.textContent = conversation.topic;
    showOpen();
    return conversation;
  };
  const signOut = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button' } }, ['Forget key']);

  replaceChildren(main, [
    el('header', { class: 'kuulo-header' }, [
      el('h1', {}, ['Moderation ', openState]),
      topic,
      el('nav', { class: 'kuulo-nav', attrs: { 'aria-label': 'Conversation pages' } }, [
        el('a', { attrs: { href: pageUrl } }, ['Participant page']),
        el('a', { attrs: { href: `${pageUrl}/report` } }, ['Report']),
        signOut,
      ]),
    ]),
    announcer,
    toast,
    el('div', { class: 'kuulo-columns' }, [
      el('section', { class: 'kuulo-card', attrs: { 'aria-labelledby': 'queue-title' } }, [el('h2', { class: 'kuulo-card-title', attrs: { id: 'queue-title' } }, ['Statements ', pendingBadge]), list.element]),
      el('section', { class: 'kuulo-card', attrs: { 'aria-labelledby': 'groups-title' } }, [
        el('h2', { class: 'kuulo-card-title', attrs: { id: 'groups-title' } }, ['Live opinion groups']),
        mathStatus,
        mapBox,
        panelBox,
      ]),
    ]),
    el('div', { class: 'kuulo-columns' }, [seeds.element, settingsForm(conversation, save)]),
  ]);
  signOut.addEventListener('click', () => {
    keys.clear();
    location.reload();
  });

  const refreshTexts = async (): Promise<void> => {
    const page = await api.get<{ items: Statement[] }>('/moderation/queue?state=all&limit=500', auth());
    page.items.forEach((s) => texts.set(s.id, s.text));
  };
  const feed = mathFeed(
    api,
    (reply) => {
      const result = reply.result;
      const show = (): void => {
        if (result.groups.length > 0) map.show(result);
        panel.show(result);
        const grouped = result.groups.reduce((n, g) => n + g.size, 0);
        const n = result.participants.length;
        const k = result.groups.length;
        mathStatus.textContent = `${updatedAt(reply.computedAt, reply.tick)}: ${n} participant${n === 1 ? '' : 's'} on the map, ${grouped} in ${k} group${k === 1 ? '' : 's'}.`;
      };
      if (result.statements.some((id) => statementText(id) === undefined)) void refreshTexts().then(show, show);
      else show();
    },
    (error) => {
      mathStatus.textContent = errorMessage(error);
    },
  );
  const refreshList = debounce(() => void list.refresh(), 250);
  void list.refresh();
  eventStream(api.url('/events'), (event: KuuloEvent) => {
    if (event.type === 'math') feed.tick(event.tick);
    else if (event.type === 'statement' || event.type === 'moderation') refreshList();
    else if (event.type === 'conversation') {
      conversation = { ...conversation, open: event.open };
      showOpen();
    } else if (event.type === 'math-error') mathStatus.textContent = `The last update failed: ${event.message}`;
  });
}

