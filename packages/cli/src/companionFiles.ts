import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

/**
 * The comments and conversation files to use with a votes file: the ones given, else
 * `comments.<same extension>`, `comments.json` or `comments.csv` and `conversation.json` in the
 * same folder when present. `false` turns a lookup off.
 */
export function companionFiles(
  votesPath: string,
  given: { comments?: string | boolean; conversation?: string | boolean },
): { comments: string | null; conversation: string | null } {
  const dir = dirname(votesPath);
  const ext = extname(votesPath).toLowerCase();
  const beside = (names: string[]) => names.map((n) => join(dir, n)).find((p) => existsSync(p)) ?? null;
  const pick = (value: string | boolean | undefined, names: string[]) =>
    typeof value === 'string' ? value : value === false ? null : beside(names);
  return {
    comments: pick(given.comments, ext === '.csv' ? ['comments.csv', 'comments.json'] : ['comments.json', 'comments.csv']),
    conversation: pick(given.conversation, ['conversation.json']),
  };
}
