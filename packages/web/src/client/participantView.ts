import type { StatementId } from '@kuulo/core';
import { ApiError, apiClient, errorMessage } from './apiClient';
import type { Conversation, KuuloEvent, NextStatement, Participant, ParticipantMathReply, Statement, VoteName, VoteReply } from './apiTypes';
import { el, replaceChildren, uniqueId } from './el';
import { eventStream } from './eventStream';
import { statementFeed } from './loadStatements';
import { mathFeed } from './mathFeed';
import { participantIdentity } from './participantIdentity';
import { participantMap, referencedStatements } from './participantMap';
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
}

/** Codes after which the statement on screen is gone and the next one should be fetched. */
const statementGone = new Set(['STATEMENT_REJECTED', 'STATEMENT_NOT_FOUND', 'STATEMENT_NOT_ACCEPTED']);

/**
 * The participation view: the topic, one statement at a time to vote on, a form to write a
 * statement and the opinion map with "You", all kept live by the server's events. Mounted by
 * the participant page and by the `<kuulo-conversation>` embed. Returns a function that stops it.
 */
export async function mountParticipantView(root: Element | DocumentFragment, options: ParticipantViewOptions): Promise<() => void> {
  const { base, conversationId } = options;
  const api = apiClient(base, conversationId);
  const identity = participantIdentity(conversationId, options.xid);

  let conversation: Conversation;
  try {
    conversation = await api.get<Conversation>('');
  } catch (error) {
    const missing = error instanceof ApiError && error.code === 'CONVERSATION_NOT_FOUND';
    replaceChildren(root, [el('p', { class: 'kuulo-notice kuulo-error', attrs: { role: 'alert' } }, [missing ? `There is no conversation “${conversationId}”.` : errorMessage(error)])]);
    return () => {};
  }
  await establishIdentity();

  const texts = new Map<StatementId, string>();
  const hidden = new Set<string>();
  const statementText = (id: StatementId): string | undefined => texts.get(id) ?? texts.get(Number(id));
  const rememberTexts = (statements: Statement[]): void => {
    texts.clear();
    statements.forEach((s) => texts.set(s.id, s.text));
  };

  const card = votingCard((statement, vote) => void castVote(statement, vote));
  const form = statementForm({ maxLength: options.statementMaxLength ?? 1000 }, submitStatement);
  const mapHeading = uniqueId('map-heading');
  const mapStatus = el('p', { class: 'kuulo-map-status', attrs: { 'aria-live': 'polite' } }, [youStatus(null, identity.pid())]);
  const mapBox = el('div', { class: 'kuulo-map' });
  const map = participantMap(mapBox, { you: () => identity.pid(), statementText });
  const link = (href: string, text: string): HTMLAnchorElement =>
    el('a', { attrs: { href, ...(options.newTabLinks && { target: '_blank', rel: 'noopener' }) } }, [text]);
  const heading = el(options.headingLevel === 2 ? 'h2' : 'h1', { class: 'kuulo-topic' }, [conversation.topic]);
  const description = el('p', { class: 'kuulo-description' }, [conversation.description]);
  description.hidden = conversation.description === '';

  replaceChildren(root, [
    el('header', { class: 'kuulo-header' }, [heading, description]),
    card.element,
    el('section', { class: 'kuulo-card kuulo-map-card', attrs: { 'aria-labelledby': mapHeading } }, [
      el('h2', { class: 'kuulo-card-title', attrs: { id: mapHeading } }, ['Opinion map']),
      mapStatus,
      mapBox,
    ]),
    form.element,
    el('footer', { class: 'kuulo-footer' }, [link(`${base}/c/${encodeURIComponent(conversationId)}/report`, 'See the report'), ' · Anonymous: Kuulo stores no names or addresses.']),
  ]);
  card.setOpen(conversation.open);
  form.setOpen(conversation.open);

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
      const missing = referencedStatements(reply.view).filter((id) => statementText(id) === undefined && !hidden.has(String(id)));
      if (missing.length > 0) {
        void statementList.update().then((list) => {
          rememberTexts(list);
          for (const id of missing) if (statementText(id) === undefined) hidden.add(String(id));
          map.texts();
        }, () => {});
      }
      if (reply.view.groups.length > 0) map.show(reply);
      mapStatus.textContent = youStatus(reply, identity.pid());
    },
    (error) => {
      if (error instanceof ApiError && error.code === 'PARTICIPANT_TOKEN_INVALID') {
        identity.forget();
        feed.refresh();
      }
    },
  );
  void statementList.update().then((list) => {
    rememberTexts(list);
    map.texts();
  }, () => {});
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

  /** Shows the next statement; `removed` says the previous one was taken away by a moderator. */
  async function loadNext(removed = false): Promise<void> {
    const query = identity.query();
    try {
      const next = await api.get<NextStatement>(`/next${query ? '?' + query : ''}`, identity.headers());
      card.show(next, removed ? `A moderator removed that statement.${next.statement ? ' Here is the next one.' : ''}` : undefined);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'PARTICIPANT_TOKEN_INVALID') {
        identity.forget();
        return loadNext(removed);
      }
      card.notice(errorMessage(error));
    }
  }

  async function castVote(statement: Statement, vote: VoteName): Promise<void> {
    card.setBusy(true);
    const before = identity.pid();
    try {
      const reply = await api.send<VoteReply>('POST', '/votes?next=true', { statementId: statement.id, vote, ...identity.body() }, identity.headers());
      identity.remember(reply.participant);
      if (reply.next) card.show(reply.next);
      else await loadNext();
      const latest = feed.latest();
      // Now known: the map and status speak to this participant, and the next fetch asks for their place.
      if (before === undefined && latest) {
        if (latest.view.groups.length > 0) map.show(latest);
        mapStatus.textContent = youStatus(latest, identity.pid());
        feed.refresh();
      } else if (!latest) mapStatus.textContent = youStatus(null, identity.pid());
    } catch (error) {
      if (error instanceof ApiError && statementGone.has(error.code)) return loadNext(true);
      if (error instanceof ApiError && error.code === 'CONVERSATION_CLOSED') return void card.setOpen(false);
      card.setBusy(false);
      card.notice(errorMessage(error));
    }
  }

  async function submitStatement(text: string): Promise<string> {
    try {
      const reply = await api.send<{ statement: Statement; participant: Participant }>('POST', '/statements', { text, ...identity.body() }, identity.headers());
      identity.remember(reply.participant);
      texts.set(reply.statement.id, reply.statement.text);
      return conversation.strictModeration && reply.statement.moderation !== 'accepted'
        ? 'Thank you! Your statement will appear once a moderator has accepted it.'
        : 'Thank you! Your statement was added, and others can now vote on it.';
    } catch (error) {
      throw new Error(errorMessage(error));
    }
  }

  /** A rejected statement's text leaves the page at once, also from the map's table, before the math catches up. */
  function forgetStatement(id: number): void {
    if (!texts.delete(id)) return;
    map.texts();
  }

  function onEvent(event: KuuloEvent): void {
    const current = card.current();
    switch (event.type) {
      case 'math':
        feed.tick(event.tick);
        break;
      case 'moderation':
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
