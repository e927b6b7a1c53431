import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCatalogs, type Catalog } from '@kuulo/viz';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const packagesDir = join(root, 'packages');

/** Every package with a locales/ folder, and its catalogs by language (file name without .json). */
const catalogSets = readdirSync(packagesDir)
  .filter((name) => existsSync(join(packagesDir, name, 'locales')))
  .map((name) => {
    const dir = join(packagesDir, name, 'locales');
    const catalogs: Record<string, Catalog> = {};
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) catalogs[file.slice(0, -5)] = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Catalog;
    return { name, dir: relative(root, dir), catalogs };
  });

/** Packages whose source uses message keys: each checked against its own en catalog. */
const scannedPackages = ['web', 'viz', 'cli'];

/**
 * Keys the source builds at run time (`t.t(\`chart.column.${c}\`)`), so no literal names them:
 * each group says why. The test fails when a listed key is not in en, is written out in the
 * source after all, or matches no template call (then the entry is stale).
 */
const dynamicKeys: Record<string, { reason: string; keys: string[] }[]> = {
  web: [
    {
      reason: "apiClient: the message for an API error is `error.<code>`, one per error code the server sends",
      keys: [
        'error.AUTH_INVALID', 'error.AUTH_REQUIRED', 'error.BODY_TOO_LARGE', 'error.CONVERSATION_CLOSED', 'error.CONVERSATION_NOT_FOUND', 'error.FORBIDDEN',
        'error.INTERNAL_ERROR', 'error.PARTICIPANT_REQUIRED', 'error.PARTICIPANT_TOKEN_INVALID', 'error.RATE_LIMITED', 'error.STATEMENT_ALLOWANCE',
        'error.STATEMENT_DUPLICATE', 'error.STATEMENT_LIMIT', 'error.STATEMENT_NOT_ACCEPTED', 'error.STATEMENT_NOT_FOUND', 'error.STATEMENT_REJECTED',
        'error.UNAVAILABLE', 'error.XID_NOT_ALLOWED', 'error.XID_SIGNATURE_EXPIRED', 'error.XID_SIGNATURE_INVALID',
      ],
    },
    { reason: 'moderationList: a button per moderation action', keys: ['moderate.action.accept', 'moderate.action.meta', 'moderate.action.reject'] },
    { reason: "moderationList: a statement's moderation state as a badge", keys: ['moderate.badge.accepted', 'moderate.badge.pending', 'moderate.badge.rejected'] },
    { reason: 'moderationList: the announcement after each action', keys: ['moderate.done.accept', 'moderate.done.meta', 'moderate.done.reject'] },
    { reason: "moderationList: how a statement's language was set (langSource)", keys: ['moderate.lang.source.author', 'moderate.lang.source.detected', 'moderate.lang.source.moderator'] },
    { reason: "moderationList: who wrote a translation (its source; 'machine' has its own line)", keys: ['moderate.source.author', 'moderate.source.moderator'] },
    { reason: 'moderationList: the queue filter, an option per state', keys: ['moderate.state.accepted', 'moderate.state.all', 'moderate.state.meta', 'moderate.state.pending', 'moderate.state.rejected'] },
    { reason: 'moderationList: the queue order, an option per sort', keys: ['queue.sort.newest', 'queue.sort.oldest', 'queue.sort.similar', 'queue.sort.votes'] },
    { reason: 'moderationList: a bulk button per action and its announcement', keys: ['queue.bulk.accept', 'queue.bulk.done.accept', 'queue.bulk.done.reject', 'queue.bulk.reject'] },
    { reason: "queueRow: a badge per kind of the author's flood or bad-faith flag", keys: ['queue.flag.agree-everything', 'queue.flag.fast-votes', 'queue.flag.identical-burst', 'queue.flag.statement-burst'] },
    {
      reason: 'queueShortcuts: what each keyboard shortcut does',
      keys: ['queue.keys.accept', 'queue.keys.bulkAccept', 'queue.keys.bulkReject', 'queue.keys.duplicate', 'queue.keys.meta', 'queue.keys.next', 'queue.keys.previous', 'queue.keys.reject', 'queue.keys.search', 'queue.keys.select'],
    },
    { reason: "webPages: a conversation page's title by page name", keys: ['page.title.moderate', 'page.title.participant', 'page.title.report'] },
    { reason: 'groupDetails: the group list title for agree and disagree', keys: ['participant.group.agreeTitle', 'participant.group.disagreeTitle'] },
    { reason: 'votingCard: a button per vote', keys: ['participant.vote.agree', 'participant.vote.disagree', 'participant.vote.pass'] },
    { reason: 'statementList: an option per sort order', keys: ['report.order.agree', 'report.order.disagree', 'report.order.divisive', 'report.order.id', 'report.order.pass'] },
    {
      reason: "reportPage: a section's heading is `report.section.<id>` and its intro `….intro` when the catalog has one",
      keys: [
        'report.section.differences', 'report.section.differences.intro', 'report.section.groups', 'report.section.groups.intro', 'report.section.majority.intro', 'report.section.method',
        'report.section.overview', 'report.section.statements', 'report.section.statements.intro', 'report.section.uncertainty', 'report.section.uncertainty.intro',
      ],
    },
  ],
  viz: [
    {
      reason: "the charts' data tables name each column `chart.column.<column>`",
      keys: [
        'chart.column.agree', 'chart.column.bridgingHigh', 'chart.column.bridgingLow', 'chart.column.bridgingRank', 'chart.column.conflictScore', 'chart.column.consensus',
        'chart.column.disagree', 'chart.column.groupAgree', 'chart.column.groupAwareRank', 'chart.column.groupDisagree', 'chart.column.groupLeans', 'chart.column.groupPass',
        'chart.column.groupVotes', 'chart.column.othersAgree', 'chart.column.othersDisagree', 'chart.column.othersPass', 'chart.column.othersVotes', 'chart.column.pass',
        'chart.column.robust', 'chart.column.section', 'chart.column.statement', 'chart.column.voters', 'chart.column.votes',
      ],
    },
    { reason: 'voteLegend: a legend entry per vote', keys: ['chart.vote.agree', 'chart.vote.disagree', 'chart.vote.pass'] },
  ],
  cli: [],
};

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface KeyUse {
  key: string;
  /** file:line */
  at: string;
}

/** Where a translator is asked for a message: `t(`, `t.t(`, `tr.t(`, `this.t(`, `options.t.t(`. */
const callStart = /(?<![\w$])(?:[\w$#]+\??\.)*t\(/g;
/** Any string literal that looks like a message key (a lookup table like `{ agree: 'vote.agree' }`). */
const keyLiteralPattern = /(['"`])([a-z][\w-]*(?:\.[\w-]+)+)\1/g;
/** A template that builds a key: `report.section.${id}.intro`, wherever it is (in a call or a variable). */
const keyTemplatePattern = /`([a-z][\w-]*\.[^`]*\$\{[^`]*)`/g;
/** A quoted string (no templates) inside a call's first argument: `cond ? 'a.b' : 'a.c'` asks for both. */
const quoted = /(['"])((?:\\.|(?!\1)[^\\\n])+)\1/g;

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** The first argument of the call whose `(` is just before `from`: up to the `,` or `)` at its own depth. */
function firstArgument(text: string, from: number): string {
  let depth = 0;
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) return text.slice(from, i);
      depth--;
    } else if (c === ',' && depth === 0) return text.slice(from, i);
  }
  return text.slice(from);
}

interface Scan {
  /** Keys asked for by a literal (or each branch of a conditional) in a call. */
  calls: KeyUse[];
  /** Key-like literals anywhere in the source. */
  literals: Set<string>;
  /** Keys built from a template (`chart.column.${c}`), as patterns, with where. */
  templates: { pattern: RegExp; at: string; source: string }[];
}

function scanPackage(name: string): Scan {
  const scan: Scan = { calls: [], literals: new Set(), templates: [] };
  for (const file of sourceFiles(join(packagesDir, name, 'src'))) {
    // viz's i18n/ is the translator machinery: its keys are parameters, not messages.
    if (name === 'viz' && file.includes(join('src', 'i18n'))) continue;
    const text = readFileSync(file, 'utf8');
    const where = relative(root, file);
    for (const match of text.matchAll(callStart)) {
      const argument = firstArgument(text, match.index + match[0].length).trim();
      const at = `${where}:${lineOf(text, match.index)}`;
      const plain = /^`([^`$]*)`$/.exec(argument);
      if (plain) scan.calls.push({ key: plain[1]!, at });
      for (const literal of argument.matchAll(quoted)) if (/^[a-z][\w-]*(\.[\w-]+)+$/.test(literal[2]!)) scan.calls.push({ key: literal[2]!, at });
    }
    for (const match of text.matchAll(keyLiteralPattern)) scan.literals.add(match[2]!);
    for (const match of text.matchAll(keyTemplatePattern)) {
      const parts = match[1]!.split(/\$\{[^}]*\}/);
      scan.templates.push({ pattern: new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\w-]+')}$`), at: `${where}:${lineOf(text, match.index)}`, source: match[0] });
    }
  }
  return scan;
}

describe('message catalogs', () => {
  it('finds the catalog sets of web, viz and cli', () => {
    expect(catalogSets.map((s) => s.name)).toEqual(expect.arrayContaining(['web', 'viz', 'cli']));
    for (const set of catalogSets) expect(Object.keys(set.catalogs).sort(), `${set.dir} languages`).toEqual(expect.arrayContaining(['en', 'fi', 'sv']));
  });

  for (const set of catalogSets) {
    it(`${set.dir}: every key in every language, valid ICU, same placeholders as en`, () => {
      const problems = checkCatalogs(set.catalogs);
      expect(problems.map((p) => p.detail), `${problems.length} problem(s) in ${set.dir}`).toEqual([]);
    });
  }

  for (const name of scannedPackages) {
    const set = catalogSets.find((s) => s.name === name);
    it(`packages/${name}/src: every key it asks for is in its en catalog`, () => {
      const { calls } = scanPackage(name);
      const en = set?.catalogs.en ?? {};
      const missing = calls.filter((use) => !Object.hasOwn(en, use.key)).map((use) => `${use.at}: "${use.key}" is not in packages/${name}/locales/en.json`);
      expect(missing).toEqual([]);
    });

    it(`packages/${name}/locales/en.json: every key is used by the source (no dead keys)`, () => {
      const en = set?.catalogs.en ?? {};
      const { literals, templates } = scanPackage(name);
      const listed = new Map((dynamicKeys[name] ?? []).flatMap((group) => group.keys.map((key) => [key, group.reason] as const)));
      const stale = [...listed.keys()]
        .filter((key) => !Object.hasOwn(en, key) || literals.has(key) || !templates.some((t) => t.pattern.test(key)))
        .map((key) => `dynamicKeys.${name} lists "${key}", which is ${!Object.hasOwn(en, key) ? 'not in en' : literals.has(key) ? 'written out in the source' : 'built by no template call'}: remove it`);
      const dead = Object.keys(en)
        .filter((key) => !literals.has(key) && !listed.has(key))
        .map((key) => {
          const template = templates.find((t) => t.pattern.test(key));
          return template
            ? `"${key}" is built by ${template.source} at ${template.at}: list it in dynamicKeys.${name} with the reason`
            : `"${key}" (${JSON.stringify(en[key])}) is used nowhere in packages/${name}/src`;
        });
      expect([...stale, ...dead]).toEqual([]);
    });
  }
});
