import { readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';

/**
 * The catalog key prefixes (`participant`, `error`, …: the part before the first dot) that the
 * source `files` name in a string literal. A key built at run time keeps its prefix literal
 * (`error.${code}`), so its prefix is found too.
 */
export function catalogPrefixesIn(files: Iterable<string>, catalog: Record<string, string>): Set<string> {
  const prefixes = new Set(Object.keys(catalog).map((key) => key.split('.')[0]!));
  const used = new Set<string>();
  for (const file of files) {
    if (!/\.[cm]?tsx?$/.test(file) || file.includes('node_modules')) continue;
    const text = readFileSync(file, 'utf8');
    for (const prefix of prefixes) if ([`'${prefix}.`, `\`${prefix}.`, `"${prefix}.`].some((mark) => text.includes(mark))) used.add(prefix);
  }
  return used;
}

/**
 * Serves the catalogs under `localesDir` with only the keys whose prefix is in `keep`: the embed
 * inlines every language's catalog, and the console's, moderator's and report's words need not
 * travel to every site that embeds a conversation.
 */
export function catalogSubset(localesDir: string, keep: ReadonlySet<string>): Plugin {
  const dir = localesDir.replace(/[\\/]+$/, '');
  return {
    name: 'kuulo-catalog-subset',
    setup(builder) {
      builder.onLoad({ filter: /\.json$/ }, (args) => {
        if (!args.path.startsWith(dir)) return undefined;
        const catalog = JSON.parse(readFileSync(args.path, 'utf8')) as Record<string, string>;
        const kept = Object.fromEntries(Object.entries(catalog).filter(([key]) => keep.has(key.split('.')[0]!)));
        return { contents: JSON.stringify(kept), loader: 'json' };
      });
    },
  };
}
