import type { ApiClient } from './apiClient';
import type { PageOf, Statement, StatementChanges } from './apiTypes';

/** Every statement participants can see, with tallies, in id order (follows the API's pages). */
export async function loadStatements(api: ApiClient): Promise<Statement[]> {
  const all: Statement[] = [];
  let after = -1;
  for (;;) {
    const page = await api.get<PageOf<Statement>>(`/statements?limit=500&after=${after}`);
    all.push(...page.items);
    if (page.next === null) return all;
    after = page.next;
  }
}

export interface StatementFeed {
  /**
   * Brings the list up to date and returns it in id order: every page on the first call (or after
   * a failed first load), later only the statements changed since the last call (`changedAfter`).
   * Calls made while one runs share a single follow-up call.
   */
  update(): Promise<Statement[]>;
}

/** Keeps the visible statements of a conversation, fetching only what changed after the first load. */
export function statementFeed(api: ApiClient): StatementFeed {
  let byId = new Map<number, Statement>();
  let cursor: number | null = null;
  let running: Promise<Statement[]> | null = null;
  let queued: Promise<Statement[]> | null = null;

  async function fetchChanges(): Promise<Statement[]> {
    const since = cursor;
    // A full load starts over in a new map, so a failed one leaves nothing half-merged behind.
    const into = since === null ? new Map<number, Statement>() : byId;
    const query = since === null ? '' : `&changedAfter=${since}`;
    let first: number | null = null;
    let after = -1;
    for (;;) {
      const page = await api.get<StatementChanges>(`/statements?limit=500&after=${after}${query}`);
      // The first page's cursor: a change made while later pages load comes again next time.
      first ??= page.cursor;
      for (const s of page.items) into.set(s.id, s);
      for (const id of page.removed) into.delete(id);
      if (page.next === null) break;
      after = page.next;
    }
    byId = into;
    cursor = first;
    return [...byId.values()].sort((a, b) => a.id - b.id);
  }

  function update(): Promise<Statement[]> {
    if (!running) {
      running = fetchChanges().finally(() => {
        running = null;
      });
      return running;
    }
    queued ??= running
      .catch(() => {})
      .then(() => {
        queued = null;
        return update();
      });
    return queued;
  }

  return { update };
}
