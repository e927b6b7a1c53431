import type { StatementId } from '@kuulo/core';
import { pseudoLanguage, type Translator } from '@kuulo/viz';
import { ApiError, apiClient, errorMessage } from './apiClient';
import type { Conversation, KuuloEvent, NextStatement, Participant, ParticipantMathReply, Statement, VoteName, VoteReply } from './apiTypes';
import type { VoteProgress } from './groupJoin';
import { conversationText } from './conversationText';
import { duplicateNotice, type MyDuplicates } from './duplicateNotice';
import { el, replaceChildren, uniqueId } from './el';
import { embedParts, type EmbedPart } from './embedParts';
import { eventStream } from './eventStream';
import { applyDocumentLanguage } from './i18n';
import { languageSwitcher } from './languageSwitcher';
import { statementFeed } from './loadStatements';
import { mathFeed } from './mathFeed';
import { participantIdentity } from './participantIdentity';
import { participantMap, referencedStatements } from './participantMap';
import { participantQuestions } from './participantQuestions';
import { safeStorage } from './safeStorage';
import { statementForm } from './statementForm';
import { votingCard } from './votingCard';
import { youStatus } from './youStatus';

export interface ParticipantViewOptions {
  /** Origin of the Kuulo server ('' for the page's own). */
  base: string;
  conversationId: string;
  /** The embedding site's own id for this person. Default none: an anonymous token kept in localStorage. */
  xid?: string;
  /** Longest statement accepted. Default 1000. */
  statementMaxLength?: number;
  /** Heading level of the topic: 1 on Kuulo's page, 2 inside another site. Default 1. */
  headingLevel?: 1 | 2;
  /** Open links (the report) in a new tab, for embeds. Default false. */
  newTabLinks?: boolean;
  /** Parts shown (an embed's choice): voting, writing, the map, the link to the results. Default all. */
  parts?: ReadonlySet<EmbedPart>;
  /**
   * The reader's translator, or a function choosing it once the conversation's languages are
   * known (the embed weighs its first language; called with none when the conversation is missing).
   */
  translator: Translator | ((conversationLanguages?: readonly string[]) => Promise<Translator>);
  /** Shows the view in the language picked with the switcher (the switcher has already remembered it). */
  onLanguage: (lang: string) => void;
}

/** Where the "only statements written in my language" choice is remembered on this device. */
const onlyMineKey = 'kuulo.onlyMyLanguage';

/** Codes after which the statement on screen is gone and the next one should be fetched. */
const statementGone = new Set(['STATEMENT_REJECTED', 'STATEMENT_NOT_FOUND', 'STATEMENT_NOT_ACCEPTED']);

/**
 * The participation view in the reader's language: the topic, one statement at a time to vote on
 * (a translation when there is one), a form to write a statement and the opinion map with "You",
 * all kept live by the server's events. Mounted by
 * the participant page and by the `<kuulo-conversation>` embed. Returns a function that stops it.
 */
export async function mountParticipantView(root: Element | DocumentFragment, options: ParticipantViewOptions): Promise<() => void> {
  const { base, conversationId } = options;
  const api = apiClient(base, conversationId);
  const identity = participantIdentity(conversationId, options.xid);

  const chooseTranslator = (languages?: readonly string[]): Promise<Translator> =>
    typeof options.translator === 'function' ? options.translator(languages) : Promise.resolve(options.translator);
  const inLanguage = (t: Translator): void => {
    // The embed's shadow root has no <html> of its own: its container carries the language.
    if (root instanceof HTMLElement) applyDocumentLanguage(t.lang, root);
  };

  let conversation: Conversation;
  try {
    conversation = await api.get<Conversation>('');
  } catch (error) {
    const t = await chooseTranslator();
    inLanguage(t);
    const missing = error instanceof ApiError && error.code === 'CONVERSATION_NOT_FOUND';
    replaceChildren(root, [el('p', { class: 'kuulo-notice kuulo-error', attrs: { role: 'alert' } }, [missing ? t.t('participant.notFound', { id: conversationId }) : errorMessage(error, t)])]);
    return () => {};
  }
  const [t] = await Promise.all([chooseTranslator(conversation.languages), establishIdentity()]);
  inLanguage(t);
  // The language statements are filtered by: the pseudo-locale reads English.
  const readerLanguage = t.lang === pseudoLanguage ? 'en' : t.lang;

  const statements = new Map<StatementId, Statement>();
  const hidden = new Set<string>();
  const statementById = (id: StatementId): Statement | undefined => statements.get(id) ?? statements.get(Number(id));
  const rememberStatements = (list: Statement[]): void => {
    statements.clear();
    list.forEach((s) => statements.set(s.id, s));
  };

  // Only in a conversation of several languages: "only statements written in my language", remembered on this device.
  const storage = safeStorage('local');
  const onlyMine =
    conversation.languages.length > 1
      ? el('input', { attrs: { type: 'checkbox', checked: storage.getItem(onlyMineKey) === 'true' }, on: { change: () => onlyMineChanged() } })
      : null;
  const onlyMineChosen = (): boolean => onlyMine?.checked === true;
  const card = votingCard(
    t,
    (statement, vote) => void castVote(statement, vote),
    onlyMine ? [el('label', { class: 'kuulo-check kuulo-only-mine' }, [onlyMine, ' ', t.t('participant.onlyMine')])] : [],
  );
  // Optional questions about the participant, asked in place of a statement after a few votes.
  const questions = participantQuestions({
    t,
    api,
    identity,
    languages: conversation.languages,
    setVoting(visible, focus) {
      card.element.hidden = !visible;
      if (visible && focus) card.focus();
    },
  });
  const form = statementForm({ t, maxLength: options.statementMaxLength ?? 1000 }, submitStatement);
  // An author whose statement a moderator rejected as a repeat is told which statement to vote on instead.
  const duplicates = duplicateNotice(t, conversationId, () => {
    const query = identity.query();
    return api.get<MyDuplicates>(`/participants/me/duplicates${query ? '?' + query : ''}`, identity.headers());
  });
  const mapHeading = uniqueId('map-heading');
  const mapStatus = el('p', { class: 'kuulo-map-status', attrs: { 'aria-live': 'polite' } }, [youStatus(null, identity.pid(), t)]);
  const mapBox = el('div', { class: 'kuulo-map' });
  // The participant's own progress, from the card's replies: how many more votes put them in a group.
  let progress: VoteProgress | undefined;
  const map = participantMap(mapBox, { t, you: () => identity.pid(), statement: statementById, progress: () => progress });
  const showStatus = (reply: ParticipantMathReply | null): void => {
    mapStatus.textContent = youStatus(reply, identity.pid(), t, progress);
  };
  const link = (href: string, text: string): HTMLAnchorElement =>
    el('a', { attrs: { href, ...(options.newTabLinks && { target: '_blank', rel: 'noopener' }) } }, [text]);
  const shown = conversationText(conversation, t.lang);
  const heading = el(options.headingLevel === 2 ? 'h2' : 'h1', { class: 'kuulo-topic', attrs: { lang: shown.topic.lang } }, [shown.topic.text]);
  const description = el('p', { class: 'kuulo-description', attrs: { lang: shown.description.lang } }, [shown.description.text]);
  description.hidden = shown.description.text === '';

  const parts = options.parts ?? new Set(embedParts);
  replaceChildren(root, [
    el('header', { class: 'kuulo-header' }, [languageSwitcher(t, options.onLanguage), heading, description]),
    parts.has('writing') && duplicates.element,
    parts.has('voting') && card.element,
    ...(parts.has('voting') ? questions.elements : []),
    parts.has('map') &&
      el('section', { class: 'kuulo-card kuulo-map-card', attrs: { 'aria-labelledby': mapHeading } }, [
        el('h2', { class: 'kuulo-card-title', attrs: { id: mapHeading } }, [t.t('participant.map.title')]),
        mapStatus,
        mapBox,
      ]),
    parts.has('writing') && form.element,
    el('footer', { class: 'kuulo-footer' }, [
      parts.has('results') && link(`${base}/c/${encodeURIComponent(conversationId)}/report`, t.t('participant.report')),
      parts.has('results') && ' · ',
      t.t('participant.anonymous'),
    ]),
  ]);
  card.setOpen(conversation.open);
  form.setOpen(conversation.open);
  if (parts.has('writing') && identity.pid() !== undefined) void duplicates.refresh();

  // Statement texts: every statement once, then only those changed since (GET …/statements?changedAfter=).
  const statementList = statementFeed(api);
  // The participant's slim view of each tick (hulls, labels, their place), never the whole result.
  const feed = mathFeed<ParticipantMathReply>(
    (etag) => {
      const query = identity.query();
      return api.conditional<ParticipantMathReply>(`/math/participant${query ? '?' + query : ''}`, etag, identity.headers());
    },
    (reply) => {
      // Fetch texts when the view names statements not known yet; hidden ones (rejected, awaiting moderation) stay unknown.
      const missing = referencedStatements(reply.view).filter((id) => statementById(id) === undefined && !hidden.has(String(id)));
      if (missing.length > 0) {
        void statementList.update().then((list) => {
          rememberStatements(list);
          for (const id of missing) if (statementById(id) === undefined) hidden.add(String(id));
          map.texts();
        }, () => {});
      }
      map.show(reply);
      showStatus(reply);
    },
    (error) => {
      if (error instanceof ApiError && error.code === 'PARTICIPANT_TOKEN_INVALID') {
        identity.forget();
        feed.refresh();
      }
    },
  );
  void statementList.update().then((list) => {
    rememberStatements(list);
    map.texts();
  }, () => {});
  if (parts.has('voting')) await questions.load();
  await loadNext();
  const stop = eventStream(api.url('/events'), onEvent);
  return () => {
    stop();
    map.destroy();
  };

  async function establishIdentity(): Promise<void> {
    try {
      // An xid is the host site's person: join at once so the map can mark them.
      if (identity.xid !== undefined) identity.remember(await api.send<Participant>('POST', '/participants', identity.body()));
      else if (identity.hasToken() && identity.pid() === undefined) identity.remember(await api.get<Participant>('/participants/me', identity.headers()));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'PARTICIPANT_TOKEN_INVALID') identity.forget();
    }
  }

  function onlyMineChanged(): void {
    storage.setItem(onlyMineKey, String(onlyMineChosen()));
    void loadNext();
  }

  /** A reply of GET …/next or of a vote on the card, with why it is empty when the language filter hides the rest. */
  function showNext(next: NextStatement, notice?: string): void {
    card.show(next, notice ?? (next.statement === null && onlyMineChosen() ? t.t('participant.onlyMine.none') : undefined));
    // With the language filter both counts leave other languages out: `voted` is then a lower bound.
    progress = { voted: next.total - next.remaining, total: next.total };
    if (parts.has('voting')) questions.progressed(progress.voted);
    map.texts();
    const latest = feed.latest();
    if (latest) showStatus(latest);
  }

  /** Shows the next statement; `removed` says the previous one was taken away by a moderator. */
  async function loadNext(removed = false): Promise<void> {
    const query = [identity.query(), onlyMineChosen() ? `languages=${encodeURIComponent(readerLanguage)}` : ''].filter((part) => part !== '').join('&');
    try {
      const next = await api.get<NextStatement>(`/next${query ? '?' + query : ''}`, identity.headers());
      showNext(next, removed ? t.t('participant.removed', { next: next.statement ? 'yes' : 'no' }) : undefined);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'PARTICIPANT_TOKEN_INVALID') {
        identity.forget();
        return loadNext(removed);
      }
      card.notice(errorMessage(error, t));
    }
  }

  async function castVote(statement: Statement, vote: VoteName): Promise<void> {
    card.setBusy(true);
    const before = identity.pid();
    try {
      const body = { statementId: statement.id, vote, ...identity.body(), ...(onlyMineChosen() && { nextLanguages: [readerLanguage] }) };
      const reply = await api.send<VoteReply>('POST', '/votes?next=true', body, identity.headers());
      identity.remember(reply.participant);
      if (reply.next) showNext(reply.next);
      else await loadNext();
      const latest = feed.latest();
      // Now known: the map and status speak to this participant, and the next fetch asks for their place.
      if (before === undefined && latest) {
        map.show(latest);
        showStatus(latest);
        feed.refresh();
      } else if (!latest) showStatus(null);
    } catch (error) {
      if (error instanceof ApiError && statementGone.has(error.code)) return loadNext(true);
      if (error instanceof ApiError && error.code === 'CONVERSATION_CLOSED') return void card.setOpen(false);
      card.setBusy(false);
      card.notice(errorMessage(error, t));
    }
  }

  /** Errors go to the form as they are: it words them for people. */
  async function submitStatement(text: string): Promise<string> {
    // Written in the interface language, as far as Kuulo can tell; a moderator can correct it.
    const reply = await api.send<{ statement: Statement; participant: Participant }>('POST', '/statements', { text, lang: readerLanguage, ...identity.body() }, identity.headers());
    identity.remember(reply.participant);
    statements.set(reply.statement.id, reply.statement);
    // Learn the new statement's id, so a moderator's decision on it refreshes the duplicate notice.
    void duplicates.refresh();
    return t.t(conversation.strictModeration && reply.statement.moderation !== 'accepted' ? 'participant.thanks.pending' : 'participant.thanks.added');
  }

  /** A rejected statement's text leaves the page at once, also from the map's table, before the math catches up. */
  function forgetStatement(id: number): void {
    if (!statements.delete(id)) return;
    map.texts();
  }

  function onEvent(event: KuuloEvent): void {
    const current = card.current();
    switch (event.type) {
      case 'math':
        feed.tick(event.tick);
        break;
      case 'moderation':
        duplicates.moderated(event.statementId);
        if (event.moderation === 'rejected') forgetStatement(event.statementId);
        else hidden.delete(String(event.statementId));
        if (event.moderation === 'rejected' && current?.id === event.statementId) void loadNext(true);
        else if (event.moderation === 'accepted' && current === null) void loadNext();
        break;
      case 'statement':
        // Someone added a statement: if this person had run out, they have something new.
        if (current === null && (event.moderation === 'accepted' || !conversation.strictModeration)) void loadNext();
        break;
      case 'conversation':
        conversation = { ...conversation, open: event.open };
        card.setOpen(event.open);
        form.setOpen(event.open);
        if (event.open) card.notice('');
        break;
      case 'uncertainty':
        feed.refresh();
        break;
      case 'math-error':
      case 'uncertainty-progress':
      case 'uncertainty-error':
        break;
    }
  }
}
