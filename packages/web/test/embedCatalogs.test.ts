import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAssets, localesDir } from '../src/buildAssets.js';

const catalog = (lang: string) => JSON.parse(readFileSync(`${localesDir}/${lang}.json`, 'utf8')) as Record<string, string>;

describe('the embed carries only the catalog keys its modules use', () => {
  it('embed.js has the participation words in every language and none of the console\'s, moderator\'s or report page\'s own', async () => {
    const assets = await buildAssets({ sourcemap: false });
    const embed = assets.files.get('/embed.js')!.body.toString('utf8');
    // Keys stay quoted object keys in the minified bundle, so their absence is a fair check.
    expect(embed).toContain('"participant.vote.agree"');
    for (const lang of ['fi', 'sv', 'en']) {
      const words = catalog(lang);
      for (const key of ['participant.vote.agree', 'participant.map.title', 'error.CONVERSATION_CLOSED', 'embed.noConversation', 'common.loading']) expect(embed, `${lang} ${key}`).toContain(JSON.stringify(words[key]).slice(1, -1));
      for (const key of ['share.title', 'activity.note.key', 'admin.title', 'moderate.count', 'home.lead']) {
        if (words[key] !== undefined) expect(embed, `${lang} ${key}`).not.toContain(`"${key}"`);
      }
    }
    // The pages keep whole catalogs: the console's words are in its language chunk.
    const chunks = [...assets.files.entries()].filter(([path]) => path.endsWith('.js') && path.startsWith('/assets/')).map(([, file]) => file.body.toString('utf8'));
    expect(chunks.some((text) => text.includes(catalog('fi')['share.title']!))).toBe(true);
  });
});
