import type { KuuloResult, StatementId } from '@kuulo/core';
import { bridgingChart, conflictChart, consensusChart, groupPanel, liveChart, type Translator } from '@kuulo/viz';
import { ApiError, apiClient } from './apiClient';
import type { Conversation, KuuloEvent, QuestionsReply, RepresentativenessReply, Statement } from './apiTypes';
import { chartWidth } from './chartWidth';
import { conversationText } from './conversationText';
import { debounce } from './debounce';
import { el, replaceChildren } from './el';
import { eventStream } from './eventStream';
import { languageSwitcher } from './languageSwitcher';
import { liveMap } from './liveMap';
import { liveSlot } from './liveSlot';
import { statementFeed } from './loadStatements';
import { mathFeed } from './mathFeed';
import { pageData } from './pageData';
import { pageTranslator, reloadInLanguage } from './pageLanguage';
import { reportMethod } from './reportMethod';
import { friendlyError } from './friendlyError';
import { headlineOptions } from './reportHeadlines';
import { reportOverview, ungroupedNote } from './reportOverview';
import { privacyNote, reportPrivacy } from './reportPrivacy';
import { reportPrint } from './reportPrint';
import { whoTookPart } from './reportRepresentativeness';
import { statementList } from './statementList';
import { numberedText, statementNumberView } from './statementNumber';
import { shownText, statementTextView } from './statementText';
import { uncertainStatements } from './uncertainStatements';
import { updatedAt } from './updatedAt';
import { voteBar } from './voteBar';

// Report page /c/:id/report: numbers, majority opinion, groups, uncertainty and every statement, live.
const { conversationId, main } = pageData();
const api = apiClient('', conversationId);

void init();

/** A report section; its heading and intro are the catalog's `report.section.<id>` and `….intro`. */
function section(t: Translator, id: string, ...content: Node[]): HTMLElement {
  const intro = `report.section.${id}.intro`;
  return el('section', { class: 'kuulo-card kuulo-report-section', attrs: { id, 'aria-labelledby': `${id}-title` } }, [
    el('h2', { class: 'kuulo-card-title', attrs: { id: `${id}-title` } }, [t.t(`report.section.${id}`)]),
    t.has(intro) && el('p', { class: 'kuulo-hint' }, [t.t(intro)]),
    ...content,
  ]);
}

async function init(): Promise<void> {
  const t = await pageTranslator();
  const waiting = t.t('report.waiting');
  let conversation: Conversation;
  let statements: Statement[];
  // Every statement once; after that each update fetches only the statements that changed.
  const feed = statementFeed(api);
  try {
    [conversation, statements] = await Promise.all([api.get<Conversation>(''), feed.update()]);
  } catch (error) {
    const missing = error instanceof ApiError && error.code === 'CONVERSATION_NOT_FOUND';
    replaceChildren(main, [
      el('h1', {}, [t.t('report.title')]),
      el('p', { class: 'kuulo-notice kuulo-error', attrs: { role: 'alert' } }, [missing ? t.t('report.notFound', { id: conversationId }) : friendlyError(error, t)]),
    ]);
    return;
  }
  const { topic, description: about } = conversationText(conversation, t.lang);
  document.title = t.t('report.documentTitle', { topic: topic.text });
  const texts = new Map<StatementId, string>();
  const statementText = (id: StatementId): string | undefined => texts.get(id) ?? texts.get(Number(id));
  // Only visible statements keep their text (in the reader's language): a rejected one is gone from the report at once.
  const remember = (list: Statement[]): void => {
    texts.clear();
    list.forEach((s) => texts.set(s.id, shownText(s, t.lang).text));
  };
  remember(statements);
  // Charts label statements with their numbers too, so a printout can be discussed as "statement 12".
  const chartText = (id: StatementId): string | undefined => numberedText(id, statementText(id));
  const print = reportPrint({ t, conversationId, main, statementText: chartText, consensusOptions: () => headlineOptions(conversation, statements) });

  const live = el('p', { class: 'kuulo-live', attrs: { role: 'status' } }, [t.t('report.waitingFirst')]);
  let liveState: { text: string; live: boolean } = { text: live.textContent ?? '', live: false };
  // "Live." is for the screen; on paper the report is a snapshot with its time.
  const setLive = (text: string, isLive = false): void => {
    liveState = { text, live: isLive };
    replaceChildren(live, isLive ? [el('span', { class: 'kuulo-no-print' }, [t.t('report.live'), ' ']), text] : [text]);
  };
  const overviewBox = el('div');
  const majorityBox = el('div', { class: 'kuulo-chart-box kuulo-screen-only' });
  // Bridging beside group-aware consensus, shown only when the math computes bridging scores.
  const bridgingBox = el('div', { class: 'kuulo-chart-box kuulo-bridging kuulo-screen-only', attrs: { hidden: true } });
  const privacyBox = el('div');
  const mapBox = el('div', { class: 'kuulo-map' });
  const panelBox = el('div', { class: 'kuulo-chart-box' });
  const conflictBox = el('div', { class: 'kuulo-chart-box kuulo-screen-only' });
  const uncertaintyBox = el('div');
  const list = statementList(t);
  // "Who took part": in the page only when there are answers to show, so an ordinary report keeps its sections.
  const whoBox = el('div', { class: 'kuulo-who-box' });
  const printButton = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button' } }, [t.t('report.print')]);
  printButton.addEventListener('click', () => window.print());
  const description = el('p', { class: 'kuulo-description', attrs: { lang: about.lang } }, [about.text]);
  description.hidden = about.text === '';
  const switcher = languageSwitcher(t, reloadInLanguage);
  switcher.classList.add('kuulo-no-print');

  replaceChildren(main, [
    el('header', { class: 'kuulo-header' }, [
      switcher,
      el('p', { class: 'kuulo-kicker' }, [t.t('report.title')]),
      el('h1', { attrs: { lang: topic.lang } }, [topic.text]),
      description,
      live,
      print.header,
      el('nav', { class: 'kuulo-nav kuulo-no-print', attrs: { 'aria-label': t.t('report.nav') } }, [
        el('a', { attrs: { href: `/c/${encodeURIComponent(conversationId)}` } }, [t.t('report.takePart')]),
        printButton,
        print.toggle,
      ]),
    ]),
    section(t, 'overview', overviewBox),
    section(t, 'method', reportMethod(t)),
    section(t, 'majority', majorityBox, bridgingBox, print.boxes.majority),
    section(t, 'groups', privacyBox, el('div', { class: 'kuulo-split kuulo-screen-only' }, [mapBox, panelBox]), print.boxes.groups),
    section(t, 'differences', conflictBox, print.boxes.differences),
    section(t, 'uncertainty', uncertaintyBox),
    whoBox,
    section(t, 'statements', list.element),
    print.appendixNote,
    el('footer', { class: 'kuulo-footer' }, [t.t('report.footer', { id: conversationId })]),
  ]);

  const locale = t.lang;
  const map = liveMap(mapBox, { t, statementText: chartText, zoom: false });
  const majority = liveSlot(majorityBox, (r) => liveChart(consensusChart, r, { ...headlineOptions(conversation, statements), statementText: chartText, locale, title: t.t('report.section.majority'), width: chartWidth(majorityBox, 300, 900) }), waiting);
  const panel = liveSlot(panelBox, (r) => liveChart(groupPanel, r, { statementText: chartText, locale, width: chartWidth(panelBox, 300, 760) }), waiting);
  const conflict = liveSlot(conflictBox, (r) => liveChart(conflictChart, r, { statementText: chartText, locale, width: chartWidth(conflictBox, 300, 900) }), waiting);
  const bridging = liveSlot(bridgingBox, (r) => liveChart(bridgingChart, r, { statementText: chartText, locale, width: chartWidth(majorityBox, 300, 900) }), waiting);
  let result: KuuloResult | null = null;

  const render = (): void => {
    const privacy = reportPrivacy(result, conversation);
    replaceChildren(overviewBox, [reportOverview(conversation, statements, result, t), ungroupedNote(result, privacy, t)]);
    replaceChildren(privacyBox, [privacyNote(privacy, t)]);
    const uncertain = uncertainStatements(statements);
    replaceChildren(uncertaintyBox, [
      uncertain.length === 0
        ? el('p', { class: 'kuulo-muted' }, [t.t('report.noUncertain')])
        : el(
            'ol',
            { class: 'kuulo-statement-list' },
            uncertain.map(({ statement }) =>
              el('li', { class: 'kuulo-statement-item', attrs: { 'data-statement-id': statement.id } }, [
                el('p', { class: 'kuulo-item-text' }, [statementNumberView(statement.id), statementTextView(statement, t)]),
                voteBar(t.t('report.everyone'), statement.tally ?? { agree: 0, disagree: 0, pass: 0 }, t),
              ]),
            ),
          ),
    ]);
    list.render(statements, result);
    if (!result) return;
    if (result.groups.length > 0) map.show(result);
    // Before enough people voted, the privacy note above says why there is no map yet.
    else mapBox.replaceChildren(...(privacy.participants < privacy.mapMinimum ? [] : [el('p', { class: 'kuulo-muted' }, [waiting])]));
    majority.show(result);
    bridgingBox.hidden = !Array.isArray(result.bridging);
    if (bridgingBox.hidden) bridging.destroy();
    else bridging.show(result);
    panel.show(result);
    conflict.show(result);
  };
  render();

  let who: { questions: QuestionsReply; reply: RepresentativenessReply } | null = null;
  const renderWho = (): void => {
    const r = who?.reply.representativeness;
    if (!who || !r || r.questions.length === 0) return void whoBox.replaceChildren();
    replaceChildren(whoBox, [
      el('section', { class: 'kuulo-card kuulo-report-section kuulo-who', attrs: { id: 'who', 'aria-labelledby': 'who-title' } }, [
        el('h2', { class: 'kuulo-card-title', attrs: { id: 'who-title' } }, [t.t('who.title')]),
        ...whoTookPart(r, who.questions.questions, { t, languages: conversation.languages, statementText }),
      ]),
    ]);
  };
  // Fetched with each new math: the breakdowns and weights are worked out from the same tick.
  const reloadWho = async (): Promise<void> => {
    const [questions, reply] = await Promise.all([api.get<QuestionsReply>('/questions'), api.get<RepresentativenessReply>('/representativeness')]);
    who = { questions, reply };
  };

  const reload = async (): Promise<void> => {
    [conversation, statements] = await Promise.all([api.get<Conversation>(''), feed.update()]);
    remember(statements);
  };
  const math = mathFeed(
    api,
    (reply) => {
      result = reply.result;
      print.show(reply.result, reply.computedAt, reply.tick);
      // New math means new votes: refresh the counts and tallies with it.
      void Promise.all([reload().catch(() => {}), reloadWho().catch(() => {})])
        .then(() => {
          render();
          renderWho();
          setLive(t.t('report.liveStatus', { updated: updatedAt(reply.computedAt, reply.tick, t) }), true);
        });
    },
    (error) => {
      setLive(friendlyError(error, t));
    },
  );
  const refresh = debounce(
    () =>
      void reload().then(() => {
        render();
        renderWho();
      }, () => {}),
    300,
  );
  eventStream(
    api.url('/events'),
    (event: KuuloEvent) => {
      if (event.type === 'math') {
        if (event.tick === 0) setLive(t.t('report.noVotesYet'), true);
        math.tick(event.tick);
      } else if (event.type === 'statement' || event.type === 'moderation' || event.type === 'conversation') refresh();
      // A bootstrap finished: the same tick's math now carries uncertainty for the charts.
      else if (event.type === 'uncertainty') math.refresh();
    },
    (connected) => {
      if (connected) setLive(liveState.text, liveState.live);
      else live.textContent = t.t('report.reconnecting');
    },
  );
}
