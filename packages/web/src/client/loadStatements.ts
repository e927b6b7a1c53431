import type { ApiClient } from './apiClient';
import type { PageOf, Statement } from './apiTypes';

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
