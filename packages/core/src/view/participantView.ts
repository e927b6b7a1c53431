import { checkPrivacyFloor, defaultPrivacyFloor, type PrivacyInfo } from '../privacy/privacyOf.js';
import { publishResult } from '../privacy/publishResult.js';
import type { ConsensusEntry, KuuloResult, RepnessEntry, StatementId } from '../types.js';
import { capHull } from './capHull.js';
import { coreHull, defaultCoreShare } from './coreHull.js';

type Point = [number, number];

/** A statement's count in a participant view: `nSuccess` of `nTrials` voters (`pSuccess` with Polis's add-one smoothing). */
export interface ParticipantViewStatement {
  statement: StatementId;
  nSuccess: number;
  nTrials: number;
  pSuccess: number;
}

/** A representative statement of a group, with the group's own votes on it (for agree / disagree bars). */
export interface ParticipantViewRepness extends ParticipantViewStatement {
  repfulFor: RepnessEntry['repfulFor'];
  /** Members of the group who agreed, disagreed and passed on the statement (agree + disagree + pass = nTrials). */
  agree: number;
  disagree: number;
  pass: number;
}

/** One opinion group as a participant's page draws it: an outline, a label and what sets it apart. */
export interface ParticipantViewGroup {
  id: number;
  /** 'A', 'B', … as in the result. */
  label: string;
  size: number;
  center: Point;
  /**
   * Outline in map (projection) coordinates, counter-clockwise with y up: the group's core (`coreHull`:
   * outer hull layers of its members peeled off down to `hullCoverage`; cores never overlap), at most
   * `maxHullPoints` vertices. One or two points when the group sits on a point or a line.
   */
  hull: Point[];
  /** The group's first representative statements, in the result's order (agree side first, as Polis). */
  repness: ParticipantViewRepness[];
}

/**
 * What a participant's page shows of one math update, without a per-participant list: its size does
 * not grow with the number of participants. A participant's own place comes from elsewhere (the
 * server answers it per request). JSON-safe.
 */
export interface ParticipantView {
  format: 'kuulo-participant-view@1';
  counts: {
    /** Participants on the map (with at least one vote). */
    participants: number;
    grouped: number;
    ungrouped: number;
    /** Statements with at least one vote. */
    statements: number;
  };
  /** Box holding the participants (the central 99 % on each axis above `trimAbove` participants). */
  extent: { x: [number, number]; y: [number, number] };
  /** Share of each group's members its core hull is peeled down to: at least this share is inside, unless fewer lie nearer their own group's median than another's (1: every member, as Polis). */
  hullCoverage: number;
  /** How the privacy floor shaped this view (the same record as `publishResult`'s). */
  privacy: PrivacyInfo;
  /** In group id order; only the groups `publishResult` publishes. */
  groups: ParticipantViewGroup[];
  /** The first consensus statements per side, best first (none resting on fewer than the privacy floor). */
  consensus: { agree: ParticipantViewStatement[]; disagree: ParticipantViewStatement[] };
}

/** Options of `participantView`; each states its default. */
export interface ParticipantViewOptions {
  /** Share (0..1] of each group's members its core hull keeps (see `coreHull`); 1 draws every member, as Polis. Default `defaultCoreShare`. */
  hullCoverage?: number;
  /** Most vertices of a hull; a hull with more becomes a slightly larger enclosing polygon. Default 40. */
  maxHullPoints?: number;
  /** Representative statements kept per group. Default 5. */
  repness?: number;
  /** Consensus statements kept per side. Default 5. */
  consensus?: number;
  /** Decimals kept in coordinates and shares (hulls are rounded outwards). Default 4. */
  decimals?: number;
  /** Above this many participants, the extent leaves out the outer 0.5 % on each side. Default 2000. */
  trimAbove?: number;
  /** Privacy floor (integer 2..100): groups, representative and consensus statements obey it as in `publishResult`. Default 5. */
  privacyFloor?: number;
}

const defaults = { maxHullPoints: 40, repness: 5, consensus: 5, decimals: 4, trimAbove: 2000 };

function checkCount(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`participantView: options.${name} must be an integer ≥ ${min}, got ${value}`);
  return value;
}

/** Linear-interpolated quantile of ascending `sorted` (as d3's quantileSorted). */
function quantile(sorted: Float64Array, p: number): number {
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}

/**
 * The slim per-update view a participant's page needs (group outlines and labels, the map's extent,
 * each group's top representative statements, overall consensus), built from a KuuloResult. Pure.
 * Its size depends on the number of groups and the options, not on the number of participants.
 */
export function participantView(result: KuuloResult, options: ParticipantViewOptions = {}): ParticipantView {
  if (result === null || typeof result !== 'object' || result.format !== 'kuulo-result@1') {
    throw new Error(`participantView: result must be a KuuloResult (format 'kuulo-result@1'), got ${result === null || typeof result !== 'object' ? String(result) : JSON.stringify(result.format)}`);
  }
  const n = result.participants.length;
  const trimAbove = checkCount('trimAbove', options.trimAbove ?? defaults.trimAbove, 0);
  const hullCoverage = options.hullCoverage ?? defaultCoreShare;
  if (!(hullCoverage > 0 && hullCoverage <= 1)) throw new RangeError(`participantView: options.hullCoverage must be in (0, 1], got ${hullCoverage}`);
  const maxHullPoints = checkCount('maxHullPoints', options.maxHullPoints ?? defaults.maxHullPoints, 3);
  const nRepness = checkCount('repness', options.repness ?? defaults.repness, 0);
  const nConsensus = checkCount('consensus', options.consensus ?? defaults.consensus, 0);
  const decimals = checkCount('decimals', options.decimals ?? defaults.decimals, 0);
  const privacyFloor = checkPrivacyFloor('participantView', options.privacyFloor ?? defaultPrivacyFloor);
  const { x, y } = result.participantProjection;
  if (x.length !== n || y.length !== n || result.participantGroup.length !== n) {
    throw new Error(`participantView: result.participantProjection and participantGroup must have one entry per participant (${n}), got ${x.length}, ${y.length} and ${result.participantGroup.length}`);
  }

  const scale = 10 ** decimals;
  const round = (v: number): number => Math.round(v * scale) / scale || 0;
  // Away from the centre, so rounding never pulls the outline in over a member.
  const outward = (v: number, centre: number): number => (v >= centre ? Math.ceil(v * scale) : Math.floor(v * scale)) / scale || 0;
  const statement = (e: ConsensusEntry | RepnessEntry): ParticipantViewStatement => ({ statement: e.statement, nSuccess: e.nSuccess, nTrials: e.nTrials, pSuccess: round(e.pSuccess) });

  // Hidden groups and figures below the floor are gone from here on.
  const published = publishResult(result, { floor: privacyFloor });
  const column = new Map(result.statements.map((s, c) => [s, c]));
  const members = new Map<number, Point[]>(published.groups.map((g) => [g.id, []]));
  let grouped = 0;
  for (let i = 0; i < n; i++) {
    const g = published.participantGroup[i];
    if (g === null || g === undefined) continue;
    const list = members.get(g);
    if (!list) throw new Error(`participantView: result.participantGroup[${i}] is ${g}, which is not the id of any group in result.groups`);
    list.push([x[i]!, y[i]!]);
    grouped++;
  }

  const groups = [...published.groups]
    .sort((a, b) => a.id - b.id)
    .map((g): ParticipantViewGroup => {
      const hull = capHull(coreHull(members, g.id, hullCoverage), maxHullPoints);
      const cx = hull.reduce((s, p) => s + p[0], 0) / Math.max(hull.length, 1);
      const cy = hull.reduce((s, p) => s + p[1], 0) / Math.max(hull.length, 1);
      return {
        id: g.id,
        label: g.label,
        size: g.size,
        center: [round(g.center[0]), round(g.center[1])],
        hull: hull.map(([hx, hy]): Point => [outward(hx, cx), outward(hy, cy)]),
        repness: g.repness.slice(0, nRepness).map((e) => {
          const c = column.get(e.statement)!;
          const agree = g.tallies.agree[c] ?? 0;
          const disagree = g.tallies.disagree[c] ?? 0;
          return { ...statement(e), repfulFor: e.repfulFor, agree, disagree, pass: (g.tallies.seen[c] ?? 0) - agree - disagree };
        }),
      };
    });

  let extent: ParticipantView['extent'] = { x: [0, 0], y: [0, 0] };
  if (n > 0) {
    const trim = n > trimAbove ? 0.005 : 0;
    const xs = Float64Array.from(x).sort();
    const ys = Float64Array.from(y).sort();
    extent = {
      x: [Math.floor(quantile(xs, trim) * scale) / scale || 0, Math.ceil(quantile(xs, 1 - trim) * scale) / scale || 0],
      y: [Math.floor(quantile(ys, trim) * scale) / scale || 0, Math.ceil(quantile(ys, 1 - trim) * scale) / scale || 0],
    };
  }

  return {
    format: 'kuulo-participant-view@1',
    counts: { participants: n, grouped, ungrouped: n - grouped, statements: result.statements.length },
    extent,
    hullCoverage,
    privacy: published.privacy,
    groups,
    consensus: { agree: published.consensus.agree.slice(0, nConsensus).map(statement), disagree: published.consensus.disagree.slice(0, nConsensus).map(statement) },
  };
}
