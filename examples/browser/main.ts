// The page: start the worker, draw the opinion map from its first result, animate it to each next one.
import type { KuuloResult, StatementId } from '@kuulo/core';
import { liveChart, opinionMap, type ChartController } from '@kuulo/viz';
import type { AnalyzeRequest, WorkerMessage } from './worker';

const mapBox = document.querySelector<HTMLElement>('#map')!;
const status = document.querySelector<HTMLElement>('#status')!;
const groupList = document.querySelector<HTMLElement>('#groups')!;
const texts = new Map<StatementId, string>();
let map: ChartController | null = null;

function showGroups(result: KuuloResult): void {
  groupList.replaceChildren(
    ...result.groups.map((group) => {
      const item = document.createElement('li');
      const top = group.repness[0];
      // Text nodes only: statement text is user input.
      item.textContent = `Group ${group.label} (${group.size} people)` + (top ? `: ${Math.round(top.pSuccess * 100)} % ${top.repfulFor} with "${texts.get(top.statement) ?? `Statement ${top.statement}`}"` : '');
      return item;
    }),
  );
}

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
  const message = event.data;
  if (message.type === 'statements') {
    for (const { id, text } of message.statements) texts.set(id, text);
  } else if (message.type === 'result') {
    const { result } = message;
    if (map === null) {
      map = liveChart(opinionMap, result, { statementText: (id) => texts.get(id) ?? `Statement ${id}`, width: 640, height: 480 });
      mapBox.replaceChildren(map.node);
    } else {
      map.update(result);
    }
    showGroups(result);
    const when = message.restart ? `All ${message.total} votes, after a restart` : `${message.votes} of ${message.total} votes`;
    status.textContent = `${when}: ${result.participants.length} participants, ${result.groups.length} groups (${message.ms} ms in the worker)`;
  } else if (message.type === 'done') {
    document.body.dataset.state = 'done';
  } else {
    status.textContent = `Error: ${message.message}`;
    document.body.dataset.state = 'error';
  }
});
const request: AnalyzeRequest = { votesUrl: new URL('votes.json', location.href).href, commentsUrl: new URL('comments.json', location.href).href };
worker.postMessage(request);
