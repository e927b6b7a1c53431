import { Type } from 'typebox';

const Id = Type.Union([Type.Integer(), Type.String()]);
const Numbers = Type.Array(Type.Number());

const Support = { support: Type.Number({ description: 'Share of resamples in which the test still passes.' }), robust: Type.Boolean({ description: 'support ≥ robustThreshold' }) };

/** Core's Uncertainty (bootstrap), attached to a result as `uncertainty`; arrays follow the result's participants and groups. */
export const UncertaintySchema = Type.Object(
  {
    format: Type.Literal('kuulo-uncertainty@1'),
    mode: Type.Enum(['polis', 'stable']),
    unit: Type.Enum(['participants', 'votes']),
    resamples: Type.Integer(),
    seed: Type.Integer(),
    robustThreshold: Type.Number(),
    membershipConfidence: Type.Array(Type.Union([Type.Number(), Type.Null()]), {
      description: 'Per participant (result.participants order): share of the resamples containing them in which they stayed in their group; null when ungrouped.',
    }),
    groups: Type.Array(Type.Object({ id: Type.Integer(), stability: Type.Number({ description: 'Mean Jaccard of the best match (< 0.6 dissolves, > 0.85 highly stable).' }) })),
    k: Type.Record(Type.String(), Type.Number(), { description: 'Share of resamples per number of groups.' }),
    ari: Numbers,
    repness: Type.Array(Type.Object({ group: Type.Integer(), statement: Id, repfulFor: Type.Enum(['agree', 'disagree']), ...Support })),
    consensus: Type.Array(Type.Object({ statement: Id, side: Type.Enum(['agree', 'disagree']), ...Support })),
    bridging: Type.Union([Type.Object({ low: Type.Array(Type.Union([Type.Number(), Type.Null()])), high: Type.Array(Type.Union([Type.Number(), Type.Null()])) }), Type.Null()], {
      description: '5th and 95th percentile of each bridging score over the resamples.',
    }),
  },
  { additionalProperties: true, description: 'Bootstrap uncertainty of the result (see @kuulo/core bootstrap).' },
);

/** Core's PrivacyInfo: how the conversation's privacy floor shaped a published result or participant view. */
export const PrivacySchema = Type.Object(
  {
    floor: Type.Integer({ description: "The conversation's privacyFloor: no published number describes fewer participants." }),
    mapMinimum: Type.Integer({ description: 'max(7, floor): participants needed before any group is published (Polis waits for 7).' }),
    participants: Type.Integer({ description: 'Participants with at least one vote.' }),
    published: Type.Boolean({ description: 'participants ≥ mapMinimum: groups are published at all.' }),
    hiddenGroups: Type.Integer({ description: 'Groups left out: those below the floor, or every group while not published.' }),
    hiddenParticipants: Type.Integer({ description: 'Members of the hidden groups, ungrouped in what is published.' }),
  },
  { description: 'How the privacy floor shaped what is published (see @kuulo/core publishResult).' },
);

const NullableCounts = Type.Array(Type.Union([Type.Integer(), Type.Null()]));

/** The core's PublishedKuuloResult, described for the docs (served as stored, so every field is present). */
export const KuuloResultSchema = Type.Object(
  {
    format: Type.Literal('kuulo-result@1'),
    tick: Type.Integer(),
    statements: Type.Array(Id, { description: 'Column order of every per-statement array.' }),
    participants: Type.Array(Id, { description: 'Row order of every per-participant array (pids).' }),
    participantGroup: Type.Array(Type.Union([Type.Integer(), Type.Null()]), { description: 'null: not in a published group (not clustered, or in a group below the privacy floor).' }),
    participantProjection: Type.Object({ x: Numbers, y: Numbers }),
    groups: Type.Array(
      Type.Object(
        {
          id: Type.Integer(),
          label: Type.String(),
          size: Type.Integer({ description: 'At least the privacy floor.' }),
          center: Numbers,
          tallies: Type.Object(
            { agree: NullableCounts, disagree: NullableCounts, seen: NullableCounts },
            { description: "The group's votes per statement (statements order); null where fewer than the privacy floor of the group voted on it." },
          ),
          repness: Type.Array(Type.Object({}, { additionalProperties: true }), { description: 'Representative statements with nTrials ≥ the privacy floor.' }),
        },
        { additionalProperties: true, description: 'Only the groups at or above the privacy floor, none before privacy.published.' },
      ),
    ),
    consensus: Type.Object({}, { additionalProperties: true, description: 'Entries with nTrials ≥ the privacy floor.' }),
    groupAwareConsensus: Type.Array(Type.Union([Type.Number(), Type.Null()]), {
      description: 'Polis group-aware consensus over the published groups (statements order); null while no group is published.',
    }),
    privacy: PrivacySchema,
    priorities: Numbers,
    bridging: Type.Optional(
      Type.Array(Type.Union([Type.Number(), Type.Null()]), {
        description: "Bridging score per statement (statements order); present when the conversation's bridging setting applies (stable mode by default).",
      }),
    ),
    uncertainty: Type.Optional(UncertaintySchema),
  },
  { additionalProperties: true, description: 'The published result: see @kuulo/core publishResult and KuuloResult for every field.' },
);

export const MathReply = Type.Object({
  tick: Type.Integer({ description: 'Increases with every stored result; the ETag is derived from it.' }),
  computedAt: Type.Integer(),
  result: KuuloResultSchema,
});

const Point = Type.Array(Type.Number(), { minItems: 2, maxItems: 2 });
const ViewStatement = {
  statement: Id,
  nSuccess: Type.Integer(),
  nTrials: Type.Integer(),
  pSuccess: Type.Number({ description: 'Share of the voters (add-one smoothed, as Polis) who agree, or disagree for the disagree side.' }),
};

/** Core's ParticipantView: what a participant's page draws; its size does not grow with participants. */
export const ParticipantViewSchema = Type.Object(
  {
    format: Type.Literal('kuulo-participant-view@1'),
    counts: Type.Object({ participants: Type.Integer(), grouped: Type.Integer(), ungrouped: Type.Integer(), statements: Type.Integer() }),
    extent: Type.Object({ x: Point, y: Point }, { description: 'Box of the participants in map coordinates (the central 99 % per axis above 2,000 participants).' }),
    hullCoverage: Type.Number({ description: "Share of each group's members its hull (the group's core) is peeled down to, 2/3 by default: the hull holds at least this share, less members nearer another group's median; hulls never overlap. 1 is Polis's hull of every member." }),
    groups: Type.Array(
      Type.Object({
        id: Type.Integer(),
        label: Type.String(),
        size: Type.Integer(),
        center: Point,
        hull: Type.Array(Point, { maxItems: 40, description: 'Convex outline in map coordinates, counter-clockwise with y up.' }),
        repness: Type.Array(
          Type.Object({
            ...ViewStatement,
            repfulFor: Type.Enum(['agree', 'disagree']),
            agree: Type.Integer({ description: 'Members of the group who agreed.' }),
            disagree: Type.Integer({ description: 'Members of the group who disagreed.' }),
            pass: Type.Integer({ description: 'Members of the group who passed (agree + disagree + pass = nTrials).' }),
          }),
          { description: 'Up to 5 representative statements, agree side first, none with nTrials below the privacy floor.' },
        ),
      }),
    ),
    privacy: PrivacySchema,
    consensus: Type.Object({ agree: Type.Array(Type.Object(ViewStatement)), disagree: Type.Array(Type.Object(ViewStatement)) }, { description: 'Up to 5 per side, best first, none with nTrials below the privacy floor.' }),
  },
  { additionalProperties: true, description: 'See @kuulo/core participantView.' },
);

export const ParticipantMathReply = Type.Object({
  tick: Type.Integer({ description: 'The math tick, as in GET …/math.' }),
  computedAt: Type.Integer(),
  view: ParticipantViewSchema,
  you: Type.Union(
    [
      Type.Object({
        pid: Type.Integer(),
        x: Type.Number(),
        y: Type.Number(),
        group: Type.Union([Type.Integer(), Type.Null()], { description: 'Group id, null when not in a group.' }),
        confidence: Type.Optional(
          Type.Union([Type.Number(), Type.Null()], { description: 'With a bootstrap of this tick: share of the resamples in which you stayed in your group.' }),
        ),
      }),
      Type.Null(),
    ],
    { description: 'Where the identified participant is on the map; null without an identity or before their first vote reached the math.' },
  ),
  uncertainty: Type.Optional(
    Type.Object(
      {
        resamples: Type.Integer(),
        groups: Type.Array(Type.Object({ id: Type.Integer(), stability: Type.Number({ description: 'As result.uncertainty.groups of GET …/math (< 0.75 counts as unstable on the map).' }) }), {
          description: 'Per group, matched to view.groups by id.',
        }),
      },
      { description: 'With a bootstrap of this tick: how stable each group is when the votes are resampled.' },
    ),
  ),
});

export const PolisMathSchema = Type.Object(
  {
    n: Type.Integer(),
    'n-cmts': Type.Integer(),
    tids: Type.Array(Type.Integer()),
    'in-conv': Type.Array(Type.Integer()),
    'group-clusters': Type.Array(Type.Object({}, { additionalProperties: true })),
    'base-clusters': Type.Object({}, { additionalProperties: true }),
    pca: Type.Object({}, { additionalProperties: true }),
    repness: Type.Object({}, { additionalProperties: true }),
    'comment-priorities': Type.Object({}, { additionalProperties: true }),
    math_tick: Type.Integer(),
  },
  { additionalProperties: true, description: 'Polis GET /api/v3/math/pca2 shape, key for key (internal sign: agree = −1).' },
);

export const MathStatusReply = Type.Object({
  tick: Type.Integer(),
  computedAt: Type.Union([Type.Integer(), Type.Null()]),
  durationMs: Type.Union([Type.Number(), Type.Null()]),
  pending: Type.Boolean({ description: 'A recompute is scheduled.' }),
  running: Type.Boolean(),
  error: Type.Union([Type.String(), Type.Null()], { description: 'Last failure (the previous result stays served).' }),
  errorAt: Type.Union([Type.Integer(), Type.Null()]),
});

export const NotModified = Type.Null({ description: 'Not modified: the ETag in If-None-Match is current.' });

export const ConditionalHeaders = Type.Object({ 'if-none-match': Type.Optional(Type.String({ maxLength: 1024 })) }, { additionalProperties: true });
