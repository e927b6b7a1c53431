import type { KuuloResult, StatementId } from '@kuulo/core';
import { bridgingChart, conflictChart, consensusChart, groupPanel, liveChart } from '@kuulo/viz';
import { ApiError, apiClient, errorMessage } from './apiClient';
import type { Conversation, KuuloEvent, Statement } from './apiTypes';
import { chartWidth } from './chartWidth';
import { debounce } from './debounce';
import { el, replaceChildren } from './el';
import { eventStream } from './eventStream';
import { liveMap } from './liveMap';
import { liveSlot } from './liveSlot';
import { statementFeed } from './loadStatements';
import { mathFeed } from './mathFeed';
import { pageData } from './pageData';
import { reportOverview } from './reportOverview';
import { statementList } from './statementList';
import { uncertainStatements } from './uncertainStatements';
import { updatedAt } from './updatedAt';
import { voteBar } from './voteBar';

// Report page /c/:id/report: numbers, majority opinion, groups, uncertainty and every statement, live.
const { conversationId, main } = pageData();
const api = apiClient('', conversationId);
const waiting = 'This appears once enough people have voted to form opinion groups.';

void init();

function section(id: string, title: string, intro: string, ...content: Node[]): HTMLElement {
  return el('section', { class: 'kuulo-card kuulo-report-section', attrs: { id, 'aria-labelledby': `${id}-title` } }, [
    el('h2', { class: 'kuulo-card-title', attrs: { id: `${id}-title` } }, [title]),
    intro && el('p', { class: 'kuulo-hint' }, [intro]),
    ...content,
  ]);
}

async function init(): Promise<void> {
  let conversation: Conversation;
  let statements: Statement[];
  // Every statement once; after that each update fetches only the statements that changed.
  const feed = statementFeed(api);
  try {
    [conversation, statements] = await Promise.all([api.get<Conversation>(''), feed.update()]);
  } catch (error) {
    const missing = error instanceof ApiError && error.code === 'CONVERSATION_NOT_FOUND';
    replaceChildren(main, [el('h1', {}, ['Report']), el('p', { class: 'kuulo-notice kuulo-error', attrs: { role: 'alert' } }, [missing ? `There is no conversation “${conversationId}”.` : errorMessage(error)])]);
    return;
  }
  document.title = `Report: ${conversation.topic} · Kuulo`;
  const texts = new Map<StatementId, string>();
  const statementText = (id: StatementId): string | undefined => texts.get(id) ?? texts.get(Number(id));
  // Only visible statements keep their text: a rejected one is gone from the report at once.
  const remember = (list: Statement[]): void => {
    texts.clear();
    list.forEach((s) => texts.set(s.id, s.text));
  };
  remember(statements);

  const live = el('p', { class: 'kuulo-live', attrs: { role: 'status' } }, ['Waiting for the first results…']);
  let liveText = live.textContent ?? '';
  // "Live." is for the screen; on paper the report is a snapshot with its time.
  const setLive = (text: string): void => {
    liveText = text;
    const prefix = /^Live\. /.exec(text);
    replaceChildren(live, prefix ? [el('span', { class: 'kuulo-no-print' }, ['Live. ']), text.slice(prefix[0].length)] : [text]);
  };
  const overviewBox = el('div');
  const majorityBox = el('div', { class: 'kuulo-chart-box' });
  // Bridging beside group-aware consensus, shown only when the math computes bridging scores.
  const bridgingBox = el('div', { class: 'kuulo-chart-box kuulo-bridging', attrs: { hidden: true } });
  const mapBox = el('div', { class: 'kuulo-map' });
  const panelBox = el('div', { class: 'kuulo-chart-box' });
  const conflictBox = el('div', { class: 'kuulo-chart-box' });
  const uncertaintyBox = el('div');
  const list = statementList();
  const printButton = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button' } }, ['Print or save as PDF']);
  printButton.addEventListener('click', () => window.print());
  const description = el('p', { class: 'kuulo-description' }, [conversation.description]);
  description.hidden = conversation.description === '';

  replaceChildren(main, [
    el('header', { class: 'kuulo-header' }, [
      el('p', { class: 'kuulo-kicker' }, ['Report']),
      el('h1', {}, [conversation.topic]),
      description,
      live,
      el('nav', { class: 'kuulo-nav kuulo-no-print', attrs: { 'aria-label': 'Conversation pages' } }, [
        el('a', { attrs: { href: `/c/${encodeURIComponent(conversationId)}` } }, ['Take part']),
        printButton,
      ]),
    ]),
    section('overview', 'Overview', '', overviewBox),
    section('majority', 'Majority opinion', 'What most participants agree or disagree with, and what every opinion group tends to agree with.', majorityBox, bridgingBox),
    section('groups', 'Opinion groups', 'Participants who voted alike form a group. Each group is shown with the statements that set it apart from the others.', el('div', { class: 'kuulo-split' }, [mapBox, panelBox])),
    section('differences', 'Where the groups differ', 'Statements the opinion groups disagree about most.', conflictBox),
    section('uncertainty', 'Areas of uncertainty', 'Statements many people passed on: they were unsure, or the statement may be unclear.', uncertaintyBox),
    section('statements', 'All statements', 'How everyone and each opinion group voted on every statement.', list.element),
    el('footer', { class: 'kuulo-footer' }, [`Kuulo report for “${conversationId}”. Groups, representative statements and consensus follow the Polis method.`]),
  ]);

  const map = liveMap(mapBox, { statementText, zoom: false });
  const majority = liveSlot(majorityBox, (r) => liveChart(consensusChart, r, { statementText, title: 'Majority opinion', width: chartWidth(majorityBox, 300, 900) }), waiting);
  const panel = liveSlot(panelBox, (r) => liveChart(groupPanel, r, { statementText, width: chartWidth(panelBox, 300, 760) }), waiting);
  const conflict = liveSlot(conflictBox, (r) => liveChart(conflictChart, r, { statementText, width: chartWidth(conflictBox, 300, 900) }), waiting);
  const bridging = liveSlot(bridgingBox, (r) => liveChart(bridgingChart, r, { statementText, width: chartWidth(majorityBox, 300, 900) }), waiting);
  let result: KuuloResult | null = null;

  const render = (): void => {
    replaceChildren(overviewBox, [reportOverview(conversation, statements, result)]);
    const uncertain = uncertainStatements(statements);
    replaceChildren(uncertaintyBox, [
      uncertain.length === 0
        ? el('p', { class: 'kuulo-muted' }, ['No statement has many pass votes yet.'])
        : el(
            'ol',
            { class: 'kuulo-statement-list' },
            uncertain.map(({ statement }) =>
              el('li', { class: 'kuulo-statement-item', attrs: { 'data-statement-id': statement.id } }, [
                el('p', { class: 'kuulo-item-text' }, [el('span', { class: 'kuulo-item-id' }, [`#${statement.id} `]), statement.text]),
                voteBar('Everyone', statement.tally ?? { agree: 0, disagree: 0, pass: 0 }),
              ]),
            ),
          ),
    ]);
    list.render(statements, result);
    if (!result) return;
    if (result.groups.length > 0) map.show(result);
    else mapBox.replaceChildren(el('p', { class: 'kuulo-muted' }, [waiting]));
    majority.show(result);
    bridgingBox.hidden = !Array.isArray(result.bridging);
    if (bridgingBox.hidden) bridging.destroy();
    else bridging.show(result);
    panel.show(result);
    conflict.show(result);
  };
  render();

  const reload = async (): Promise<void> => {
    [conversation, statements] = await Promise.all([api.get<Conversation>(''), feed.update()]);
    remember(statements);
  };
  const math = mathFeed(
    api,
    (reply) => {
      result = reply.result;
      // New math means new votes: refresh the counts and tallies with it.
      void reload()
        .catch(() => {})
        .then(() => {
          render();
          setLive(`Live. ${updatedAt(reply.computedAt, reply.tick)}.`);
        });
    },
    (error) => {
      setLive(errorMessage(error));
    },
  );
  const refresh = debounce(() => void reload().then(render, () => {}), 300);
  eventStream(
    api.url('/events'),
    (event: KuuloEvent) => {
      if (event.type === 'math') {
        if (event.tick === 0) setLive('Live. No votes have been counted yet.');
        math.tick(event.tick);
      } else if (event.type === 'statement' || event.type === 'moderation' || event.type === 'conversation') refresh();
      // A bootstrap finished: the same tick's math now carries uncertainty for the charts.
      else if (event.type === 'uncertainty') math.refresh();
    },
    (connected) => {
      if (connected) setLive(liveText);
      else live.textContent = 'Reconnecting to live updates…';
    },
  );
}
