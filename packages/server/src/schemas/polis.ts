import { Type } from 'typebox';
import { ConversationId, StatementId, Xid } from './common.js';

/** Polis's `pid` parameter: 'mypid' (the caller) or the caller's own number. */
const Pid = Type.Union([Type.Literal('mypid'), Type.Integer({ minimum: 0, maximum: 2_147_483_647 })]);
const Lang = Type.String({ maxLength: 64 });
const Open = { additionalProperties: true } as const;

export const PolisConversationQuery = Type.Object({ conversation_id: ConversationId }, Open);

export const ParticipationInitQuery = Type.Object(
  { conversation_id: ConversationId, pid: Type.Optional(Pid), xid: Type.Optional(Xid), lang: Type.Optional(Lang) },
  Open,
);

export const NextCommentQuery = Type.Object(
  {
    conversation_id: ConversationId,
    not_voted_by_pid: Type.Optional(Pid),
    xid: Type.Optional(Xid),
    without: Type.Optional(Type.Array(StatementId, { maxItems: 100 })),
    lang: Type.Optional(Lang),
  },
  Open,
);

export const PolisVoteBody = Type.Object(
  {
    conversation_id: ConversationId,
    tid: StatementId,
    vote: Type.Enum([-1, 0, 1], { description: 'Polis internal sign: −1 agree, 1 disagree, 0 pass.' }),
    pid: Type.Optional(Pid),
    xid: Type.Optional(Xid),
    lang: Type.Optional(Lang),
    agid: Type.Optional(Type.Integer()),
    weight: Type.Optional(Type.Number()),
    high_priority: Type.Optional(Type.Boolean()),
  },
  Open,
);

/** A numeric pid may be another participant's only with open data or a moderator key. */
export const PolisVotesQuery = Type.Object(
  { conversation_id: ConversationId, pid: Type.Optional(Pid), xid: Type.Optional(Xid), tid: Type.Optional(StatementId) },
  Open,
);

/** Report ids are 'r' followed by the conversation's id. */
const ReportId = Type.String({ pattern: '^r[a-z0-9][a-z0-9-]{0,62}$', description: "Report id: 'r' + the conversation id (e.g. rabc123 for conversation abc123)." });

export const PolisReportsQuery = Type.Object({ conversation_id: Type.Optional(ConversationId), report_id: Type.Optional(ReportId) }, Open);

export const PolisReport = Type.Object(
  {
    report_id: Type.String(),
    conversation_id: Type.String(),
    created: Type.String({ description: 'ms since the epoch, as a string (Polis).' }),
    modified: Type.String(),
    report_name: Type.Null(),
  },
  Open,
);

export const ReportExportParams = Type.Object({
  report_id: ReportId,
  file: Type.Enum(['summary.csv', 'comments.csv', 'votes.csv', 'participant-votes.csv', 'participants-votes.csv', 'comment-groups.csv'], {
    description: "Polis's reportExport file; participants-votes.csv is the same as participant-votes.csv (the open-data repository's name).",
  }),
});

export const ReportExportQuery = Type.Object(
  { raw: Type.Optional(Type.Boolean({ description: "true: text cells as they are, without the ' before spreadsheet formula characters." })) },
  Open,
);

export const PolisMathQuery = Type.Object({ conversation_id: ConversationId, math_tick: Type.Optional(Type.Integer({ minimum: -1 })) }, Open);

export const PolisCommentsQuery = Type.Object(
  {
    conversation_id: ConversationId,
    moderation: Type.Optional(Type.Boolean({ description: 'With a moderator key: include statements of every moderation state.' })),
    mod: Type.Optional(Type.Integer({ minimum: -1, maximum: 1, description: 'Only statements with this Polis mod value.' })),
    tids: Type.Optional(Type.Array(StatementId, { maxItems: 1000 })),
  },
  Open,
);

export const PolisCommentBody = Type.Object(
  {
    conversation_id: ConversationId,
    txt: Type.String({ minLength: 1, maxLength: 20000 }),
    pid: Type.Optional(Pid),
    xid: Type.Optional(Xid),
    vote: Type.Optional(Type.Enum([-1, 0, 1])),
    is_seed: Type.Optional(Type.Boolean()),
    is_meta: Type.Optional(Type.Boolean()),
    lang: Type.Optional(Lang),
  },
  Open,
);

export const PolisComment = Type.Object(
  {
    txt: Type.String(),
    tid: Type.Integer(),
    pid: Type.Optional(Type.Integer({ description: "The author's pid, with open data or a moderator key; seeds get 2147483647 (no participant's pid)." })),
    created: Type.String({ description: 'ms since the epoch, as a string (Polis).' }),
    quote_src_url: Type.Null(),
    is_seed: Type.Boolean(),
    is_meta: Type.Boolean(),
    lang: Type.Union([Type.String(), Type.Null()]),
    mod: Type.Integer(),
    active: Type.Boolean(),
    agree_count: Type.Integer(),
    disagree_count: Type.Integer(),
    pass_count: Type.Integer(),
    count: Type.Integer(),
    conversation_id: Type.String(),
  },
  Open,
);

export const PolisNextComment = Type.Object(
  {
    tid: Type.Optional(Type.Integer()),
    txt: Type.Optional(Type.String()),
    created: Type.Optional(Type.String()),
    lang: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    is_seed: Type.Optional(Type.Boolean()),
    is_meta: Type.Optional(Type.Boolean()),
    quote_src_url: Type.Optional(Type.Null()),
    translations: Type.Optional(Type.Array(Type.Unknown())),
    remaining: Type.Integer(),
    total: Type.Integer(),
    currentPid: Type.Optional(Type.Integer()),
  },
  Open,
);

export const PolisConversation = Type.Object(
  {
    conversation_id: Type.String(),
    topic: Type.String(),
    description: Type.String(),
    is_active: Type.Boolean(),
    strict_moderation: Type.Boolean(),
    is_anon: Type.Boolean(),
    use_xid_whitelist: Type.Boolean(),
    participant_count: Type.Integer(),
    created: Type.String(),
    modified: Type.String(),
  },
  Open,
);

export const PolisVoteRow = Type.Object({
  conversation_id: Type.String(),
  pid: Type.Integer(),
  tid: Type.Integer(),
  vote: Type.Integer({ description: 'Polis internal sign.' }),
  weight_x_32767: Type.Integer(),
  modified: Type.String(),
});

const Auth = Type.Optional(Type.Object({ token: Type.String({ description: 'New participant token (first contact only).' }) }));

export const PolisVoteReply = Type.Object({ currentPid: Type.Integer(), nextComment: PolisNextComment, auth: Auth });
export const PolisCommentReply = Type.Object({ tid: Type.Integer(), currentPid: Type.Union([Type.Integer(), Type.Null()]), auth: Auth });

export const ParticipationInitReply = Type.Object({
  user: Type.Object({ uid: Type.Null(), hasXid: Type.Boolean() }, Open),
  ptpt: Type.Union([Type.Object({ pid: Type.Integer(), conversation_id: Type.String() }), Type.Null()]),
  nextComment: PolisNextComment,
  conversation: PolisConversation,
  votes: Type.Array(Type.Object({ tid: Type.Integer(), vote: Type.Integer() })),
  pca: Type.Union([Type.String({ description: 'math/pca2 as a JSON string, as Polis sends it' }), Type.Null()]),
  famous: Type.Null(),
  acceptLanguage: Type.String(),
});
