import { Type } from 'typebox';
import { xidMaxLength } from '../auth/xidSignature.js';
import { ConversationId, LanguageTag } from './common.js';

export const MathModeSchema = Type.Enum(['polis', 'stable'], {
  description: "Math mode: 'polis' (default) reproduces Polis, whose groups depend on vote order and update history; 'stable' makes every update a function of the current votes and the seed. Changing it recomputes from scratch.",
});
export const BridgingSchema = Type.Enum(['auto', 'on', 'off'], {
  description: "Bridging scores per statement in the result: 'auto' (default) in stable mode only, 'on' in both modes, 'off' never.",
});

// Bounds and defaults match migration 008 and settingDefaults (services/createConversation.ts).
export const PrivacyFloorSchema = Type.Integer({
  minimum: 2,
  maximum: 100,
  description:
    'No published number (map, groups, report, public API) describes fewer than this many participants: smaller groups are not shown, figures from fewer voters are left out, and no group appears before max(7, privacyFloor) participants have voted. Moderator exports are not affected. Default 5; changing it recomputes.',
});
export const HeadlineMinVotesSchema = Type.Integer({ minimum: 1, description: 'Votes a statement needs overall to be a report headline. Default 10.' });
export const HeadlineMinGroupVotesSchema = Type.Integer({
  minimum: 1,
  description: 'Votes a statement needs in every group to be an "across groups" report headline; the report uses at least privacyFloor. Default 5.',
});

const SignedXids = Type.Boolean({ description: 'true: require xids signed by the embedding platform; a new secret comes back once as `xidSecret`. false: plain xids again (the secret is dropped).' });

const Languages = Type.Array(LanguageTag(), {
  maxItems: 20,
  description: "BCP 47 language tags, e.g. fi, sv, en. The first is the conversation's main language: pages fall back to it, and statements too short to detect are taken to be in it.",
});

const TopicTranslation = Type.Object(
  {
    topic: Type.Optional(Type.String({ maxLength: 1000, description: 'Trimmed, then at most the configured topic length.' })),
    description: Type.Optional(Type.String({ maxLength: 20000, description: 'Trimmed, then at most the configured description length.' })),
  },
  { additionalProperties: false },
);

const TranslationsOut = Type.Record(LanguageTag(), TopicTranslation, {
  description: "Topic and description in other languages, by language tag (each one of `languages`); {} when none. `topic` and `description` are the main language's.",
});

const TranslationsIn = Type.Record(Type.String({ maxLength: 40 }), TopicTranslation, {
  maxProperties: 20,
  description:
    "Topic and description per language, by language tag; each tag must be one of the conversation's `languages`. On PATCH, languages not named keep their entry; a language whose topic and description are both empty or absent is removed.",
});

const MachineTranslation = Type.Boolean({
  description: "Opt in to machine translation of statements into the conversation's languages (labelled 'machine'). Used only when the server has a translation provider configured. Default false.",
});

const DataOpen = Type.Boolean({
  description:
    "Open data, as Polis's is_data_open: anyone may read through /api/v3 the moderator export's content (every statement with its author's pid, votes by participant, reports and reportExport CSVs). Participants appear by pid only; group figures follow privacyFloor, but the CSVs are the moderator's export. Default false.",
});

export const ConversationOut = Type.Object(
  {
    id: ConversationId,
    topic: Type.String(),
    description: Type.String(),
    strictModeration: Type.Boolean({ description: 'Statements are hidden until a moderator accepts them.' }),
    open: Type.Boolean({ description: 'Closed conversations take no votes or statements.' }),
    languages: Type.Array(Type.String(), { description: "BCP 47 language tags; the first is the conversation's main language." }),
    translations: TranslationsOut,
    machineTranslation: MachineTranslation,
    xidAllowlist: Type.Boolean({ description: 'Only allow-listed xids may take part.' }),
    mode: MathModeSchema,
    bridging: BridgingSchema,
    privacyFloor: PrivacyFloorSchema,
    headlineMinVotes: HeadlineMinVotesSchema,
    headlineMinGroupVotes: HeadlineMinGroupVotesSchema,
    signedXids: Type.Boolean({ description: 'xids must be signed by the embedding platform (`<exp>.<sig>.<xid>`, see the README); plain ones are refused.' }),
    dataOpen: DataOpen,
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
    counts: Type.Object({ participants: Type.Integer(), statements: Type.Integer(), votes: Type.Integer() }),
  },
  { description: 'A conversation (public view).' },
);

export const CreateConversationBody = Type.Object(
  {
    id: Type.Optional(ConversationId),
    topic: Type.String({ minLength: 1, maxLength: 1000 }),
    description: Type.Optional(Type.String({ maxLength: 20000 })),
    strictModeration: Type.Optional(Type.Boolean({ description: 'Default false (permissive).' })),
    open: Type.Optional(Type.Boolean({ description: 'Default true.' })),
    languages: Type.Optional(Languages),
    translations: Type.Optional(TranslationsIn),
    machineTranslation: Type.Optional(MachineTranslation),
    mode: Type.Optional(MathModeSchema),
    bridging: Type.Optional(BridgingSchema),
    privacyFloor: Type.Optional(PrivacyFloorSchema),
    headlineMinVotes: Type.Optional(HeadlineMinVotesSchema),
    headlineMinGroupVotes: Type.Optional(HeadlineMinGroupVotesSchema),
    signedXids: Type.Optional(SignedXids),
  },
  { additionalProperties: false },
);

const XidSecret = Type.String({ description: 'Shown once: the HMAC-SHA256 secret the embedding platform signs xids with. Keep it on the platform\'s server.' });

export const CreateConversationReply = Type.Object({
  conversation: ConversationOut,
  moderatorKey: Type.String({ description: 'Shown once: the key that moderates this conversation.' }),
  xidSecret: Type.Optional(XidSecret),
});

export const UpdateConversationBody = Type.Object(
  {
    topic: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    description: Type.Optional(Type.String({ maxLength: 20000 })),
    strictModeration: Type.Optional(Type.Boolean()),
    open: Type.Optional(Type.Boolean()),
    languages: Type.Optional(Languages),
    translations: Type.Optional(TranslationsIn),
    machineTranslation: Type.Optional(MachineTranslation),
    mode: Type.Optional(MathModeSchema),
    bridging: Type.Optional(BridgingSchema),
    privacyFloor: Type.Optional(PrivacyFloorSchema),
    headlineMinVotes: Type.Optional(HeadlineMinVotesSchema),
    headlineMinGroupVotes: Type.Optional(HeadlineMinGroupVotesSchema),
    signedXids: Type.Optional(SignedXids),
    dataOpen: Type.Optional(DataOpen),
    rotateXidSecret: Type.Optional(Type.Boolean({ description: 'true: replace the xid secret (signed xids must be on); the new one comes back once as `xidSecret`.' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const UpdateConversationReply = Type.Object(
  { ...ConversationOut.properties, xidSecret: Type.Optional(XidSecret) },
  { description: 'The conversation, with `xidSecret` only when this request made a new one.' },
);

// Allow-listed xids are the inner ids, never the signed form.
const PlainXid = Type.String({ minLength: 1, maxLength: xidMaxLength, pattern: '^[^\\u0000-\\u001f]+$' });

export const XidAllowlistBody = Type.Object(
  {
    enabled: Type.Boolean({ description: 'Turn the allow-list on or off.' }),
    xids: Type.Optional(Type.Array(PlainXid, { maxItems: 100000, description: 'Replaces the whole list when given.' })),
  },
  { additionalProperties: false },
);

export const XidAllowlistReply = Type.Object({ enabled: Type.Boolean(), size: Type.Integer() });

export const ConversationList = Type.Object({ items: Type.Array(ConversationOut), next: Type.Union([Type.Integer(), Type.Null()]) });
