import { extname } from 'node:path';
import { parsePolisParticipantsVotesCsv } from '@kuulo/core';
import { CliError } from './cliError.js';
import { readText } from './readVotes.js';

/** A partition of participants into groups, read from a result of Kuulo or Polis. */
export interface Grouping {
  source: string;
  kind: 'kuulo-result' | 'polis-math' | 'participants-votes';
  /** Participant (as a string key) → group id, for participants in a group. */
  groupOf: Map<string, number>;
  /** Groups by ascending id; `name` is Kuulo's label or Polis's id. */
  groups: { id: number; name: string; size: number }[];
  /** Representative statement ids (as strings) per group id, null when the file has none. */
  repness: Map<number, string[]> | null;
  /** Consensus statement ids, null when the file has none. */
  consensus: { agree: string[]; disagree: string[] } | null;
  /** A Kuulo replay with core's `polisEra`: 'auto', or the rules switched (e.g. "auto, zeroImputation off"); else absent. */
  polisEra?: string;
}

const kindNames: Record<Grouping['kind'], string> = {
  'kuulo-result': 'Kuulo result',
  'polis-math': 'Polis math/pca2',
  'participants-votes': 'Polis participants-votes.csv',
};

export function describeKind(kind: Grouping['kind']): string {
  return kindNames[kind];
}

/**
 * Reads the groups of: a Kuulo result (`kuulo analyze`), Polis's `math-pca2.json` (participants
 * through `base-clusters`) or a Polis open-data `participants-votes.csv` (`group-id` column).
 */
export async function readGrouping(path: string): Promise<Grouping> {
  const text = await readText(path);
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || (ext !== '.json' && !/^\s*[{[]/.test(text))) return fromParticipantsVotes(path, text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const object = (json ?? {}) as Record<string, unknown>;
  if (object.format === 'kuulo-result@1') return fromKuulo(path, object);
  if ('group-clusters' in object && 'base-clusters' in object) return fromPolisMath(path, object);
  throw new CliError(`${path}: expected a Kuulo result (format "kuulo-result@1"), a Polis math-pca2.json (group-clusters, base-clusters) or a participants-votes.csv`);
}

function fromKuulo(path: string, r: Record<string, unknown>): Grouping {
  const participants = r.participants as unknown[];
  const participantGroup = r.participantGroup as (number | null)[];
  const groups = r.groups as { id: number; label: string; repness: { statement: unknown }[] }[];
  if (!Array.isArray(participants) || !Array.isArray(participantGroup) || !Array.isArray(groups) || participants.length !== participantGroup.length) {
    throw new CliError(`${path}: a Kuulo result needs participants, participantGroup (same length) and groups`);
  }
  const groupOf = new Map<string, number>();
  participants.forEach((p, i) => {
    const g = participantGroup[i];
    if (g !== null && g !== undefined) groupOf.set(String(p), g);
  });
  const consensus = r.consensus as { agree: { statement: unknown }[]; disagree: { statement: unknown }[] } | undefined;
  const era = (r.replay as { polisEra?: { era: unknown } } | null | undefined)?.polisEra?.era;
  return finish(path, 'kuulo-result', groupOf, new Map(groups.map((g) => [g.id, g.label])), {
    ...(era === undefined ? {} : { polisEra: describeEra(era) }),
    repness: new Map(groups.map((g) => [g.id, g.repness.map((e) => String(e.statement))])),
    consensus: consensus ? { agree: consensus.agree.map((e) => String(e.statement)), disagree: consensus.disagree.map((e) => String(e.statement)) } : null,
  });
}

function describeEra(era: unknown): string {
  if (typeof era === 'string') return era;
  const rules = Object.entries((era as { rules?: Record<string, boolean> })?.rules ?? {});
  return ['auto', ...rules.map(([name, on]) => `${name} ${on ? 'on' : 'off'}`)].join(', ');
}

function fromPolisMath(path: string, m: Record<string, unknown>): Grouping {
  const base = m['base-clusters'] as { id: number[]; members: unknown[][] };
  const groupClusters = m['group-clusters'] as { id: number; members: number[] }[];
  if (!Array.isArray(base?.id) || !Array.isArray(base?.members) || !Array.isArray(groupClusters)) {
    throw new CliError(`${path}: base-clusters needs id and members arrays, group-clusters must be an array`);
  }
  const membersOfBase = new Map(base.id.map((id, i) => [id, base.members[i] ?? []]));
  const groupOf = new Map<string, number>();
  for (const g of groupClusters) {
    for (const b of g.members) {
      const members = membersOfBase.get(b);
      if (members === undefined) throw new CliError(`${path}: group-clusters group ${g.id} lists base cluster ${b}, which base-clusters lacks`);
      for (const p of members) groupOf.set(String(p), g.id);
    }
  }
  const repness = m.repness as Record<string, { tid: unknown }[]> | undefined;
  const consensus = m.consensus as { agree?: { tid: unknown }[]; disagree?: { tid: unknown }[] } | undefined;
  return finish(path, 'polis-math', groupOf, new Map(groupClusters.map((g) => [g.id, String(g.id)])), {
    repness: repness ? new Map(groupClusters.map((g) => [g.id, (repness[String(g.id)] ?? []).map((e) => String(e.tid))])) : null,
    consensus: consensus ? { agree: (consensus.agree ?? []).map((e) => String(e.tid)), disagree: (consensus.disagree ?? []).map((e) => String(e.tid)) } : null,
  });
}

function fromParticipantsVotes(path: string, text: string): Grouping {
  const { participants } = parsePolisParticipantsVotesCsv(text, { source: path });
  const groupOf = new Map<string, number>();
  for (const p of participants) if (p.groupId !== null) groupOf.set(String(p.id), p.groupId);
  const ids = [...new Set(groupOf.values())];
  return finish(path, 'participants-votes', groupOf, new Map(ids.map((id) => [id, String(id)])), { repness: null, consensus: null });
}

function finish(
  source: string,
  kind: Grouping['kind'],
  groupOf: Map<string, number>,
  names: Map<number, string>,
  extra: Pick<Grouping, 'repness' | 'consensus'>,
): Grouping {
  const sizes = new Map<number, number>();
  for (const g of groupOf.values()) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  for (const id of sizes.keys()) if (!names.has(id)) throw new CliError(`${source}: participants are in group ${id}, which the file does not list`);
  const groups = [...names.entries()].sort((a, b) => a[0] - b[0]).map(([id, name]) => ({ id, name, size: sizes.get(id) ?? 0 }));
  return { source, kind, groupOf, groups, ...extra };
}
