// The math runs here, off the page's main thread: fetch a Polis export, then post a result after each batch of votes.
import { parsePolisCommentsJson, parsePolisVotesJson, replaySteps, type KuuloResult, type StatementId } from '@kuulo/core';
import { replayOptions } from './replayOptions';

/** What the page asks for: where the Polis export's files are. */
export interface AnalyzeRequest {
  votesUrl: string;
  commentsUrl: string;
}

/** What the worker posts back, in this order: statements, one result per update, done (or error at any point). */
export type WorkerMessage =
  | { type: 'statements'; statements: { id: StatementId; text: string }[] }
  | { type: 'result'; votes: number; total: number; restart: boolean; ms: number; result: KuuloResult }
  | { type: 'done' }
  | { type: 'error'; message: string };

const post = (message: WorkerMessage) => postMessage(message);

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetching ${url} failed: HTTP ${response.status}`);
  return response.text();
}

addEventListener('message', async (event: MessageEvent<AnalyzeRequest>) => {
  try {
    const { votesUrl, commentsUrl } = event.data;
    const [votesText, commentsText] = await Promise.all([fetchText(votesUrl), fetchText(commentsUrl)]);
    const votes = parsePolisVotesJson(votesText, { source: votesUrl });
    const { statements, moderation } = parsePolisCommentsJson(commentsText, { source: commentsUrl });
    post({ type: 'statements', statements: statements.map(({ id, text }) => ({ id, text })) });
    // core's replaySteps: the votes in time order, one update per batch, as the conversation evolved.
    let started = performance.now();
    for (const step of replaySteps(votes, { ...replayOptions, moderation })) {
      post({ type: 'result', votes: step.votes, total: step.total, restart: step.restart, ms: Math.round(performance.now() - started), result: step.result });
      started = performance.now();
    }
    post({ type: 'done' });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
