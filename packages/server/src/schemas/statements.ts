import { Type } from 'typebox';
import { ConversationId, LanguageTag, Moderation, ParticipantOut, StatementId, Xid } from './common.js';

export const Tally = Type.Object({ agree: Type.Integer(), disagree: Type.Integer(), pass: Type.Integer() });

export const TranslationSource = Type.Enum(['author', 'moderator', 'machine'], {
  description: "Who wrote the translation: the statement's author, a moderator, or the machine-translation provider (label it as such and keep the original one tap away).",
});

export const Translations = Type.Record(LanguageTag(), Type.Object({ text: Type.String(), source: TranslationSource }), {
  description: 'The text in other languages than the original, by language tag; {} when none. Votes belong to the statement whatever language it was read in.',
});

// Fields every view of a statement has.
const statementFields = {
  id: StatementId,
  text: Type.String({ description: 'The original text, in `lang`.' }),
  lang: Type.Union([Type.String(), Type.Null()], { description: 'Language of the original text (BCP 47), null when unknown.' }),
  langSource: Type.Union([Type.Enum(['author', 'detected', 'moderator']), Type.Null()], {
    description: "How `lang` was set: given by the author, detected from the text among the conversation's languages, or corrected by a moderator; null when unknown.",
  }),
  translations: Translations,
  isSeed: Type.Boolean(),
  isMeta: Type.Boolean(),
  moderation: Moderation,
  createdAt: Type.Integer(),
};

export const StatementOut = Type.Object({ ...statementFields, tally: Type.Optional(Tally) }, { description: 'A statement as participants see it.' });

/** The moderator's view adds the author's participant number. */
export const QueueItem = Type.Object({
  ...statementFields,
  moderatedAt: Type.Union([Type.Integer(), Type.Null()]),
  authorPid: Type.Union([Type.Integer(), Type.Null()]),
  tally: Tally,
  similar: Type.Array(Type.Object({ statementId: StatementId, score: Type.Number({ minimum: 0, maximum: 1 }) }), {
    description: 'The most similar other statements (rejected ones left out), best first, score 0–1 (see the duplicate finder in the README).',
  }),
  duplicateOf: Type.Union([StatementId, Type.Null()], {
    description: "The statement this one repeats: the one a moderator named when rejecting it as a duplicate, else the most similar earlier statement scoring at or above the provider's threshold; null when none.",
  }),
  authorFlags: Type.Optional(
    Type.Array(
      Type.Object({
        kind: Type.Enum(['statement-burst', 'fast-votes', 'agree-everything', 'identical-burst']),
        detail: Type.String({ description: 'The facts in plain English, e.g. "12 statements within 10 minutes".' }),
        count: Type.Integer({ description: 'The count in `detail`, for localised text.' }),
        seconds: Type.Integer({ description: 'The time span in `detail`, in seconds (0 when none).' }),
      }),
      { description: "In the queue: the author's flood or bad-faith flags (signals for a look, never acted on by themselves); [] when none." },
    ),
  ),
});

export const SubmitStatementBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 20000, description: 'The statement; trimmed, then at most the configured length.' }),
    lang: Type.Optional(LanguageTag('Language of the text (BCP 47). Default: detected among the conversation\'s languages, else its first language.')),
    xid: Type.Optional(Xid),
  },
  { additionalProperties: false },
);

export const SubmitStatementReply = Type.Object({ statement: StatementOut, participant: ParticipantOut });

export const SeedStatementBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 20000 }),
    lang: Type.Optional(LanguageTag('Language of the text (BCP 47). Default: detected among the conversation\'s languages, else its first language.')),
    isMeta: Type.Optional(Type.Boolean({ description: 'Default false.' })),
  },
  { additionalProperties: false },
);

export const ModerateBody = Type.Object(
  {
    moderation: Type.Optional(Moderation),
    isMeta: Type.Optional(Type.Boolean()),
    lang: Type.Optional(LanguageTag("Correct the language of the original text (`langSource` becomes 'moderator'); a translation into that language is dropped.")),
    duplicateOf: Type.Optional(
      Type.Union([StatementId, Type.Null()], {
        description: "Reject as a duplicate of this statement (needs `moderation: 'rejected'`); its author is shown the statement to vote on instead. null clears the mark.",
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TranslationParams = Type.Object(
  { id: ConversationId, statementId: StatementId, lang: LanguageTag("One of the conversation's languages, other than the statement's own.") },
  { additionalProperties: false },
);

export const TranslationBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 20000, description: 'The translation; trimmed, then at most the configured statement length.' }) },
  { additionalProperties: false },
);

/** Opaque change cursor of a statement list (see StatementPage.cursor). */
const cursor = (description: string) => Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description });

export const StatementListQuery = Type.Object(
  {
    after: Type.Optional(Type.Integer({ minimum: -1, maximum: 2_147_483_647, description: 'Statements with ids after this one. Default -1.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'Page size. Default 50.' })),
    changedAfter: Type.Optional(
      cursor(
        'A `cursor` from an earlier reply: only statements whose tally, moderation, language or translations changed since then, visible ones in `items` and hidden ones (rejected, or pending under strict moderation) in `removed`. Pages with `after` like the full list.',
      ),
    ),
  },
  { additionalProperties: false },
);

export const QueueQuery = Type.Object(
  {
    state: Type.Optional(
      Type.Enum(['pending', 'accepted', 'rejected', 'meta', 'flagged', 'all'], {
        description: "Default pending. 'flagged': statements not rejected that likely repeat another (`duplicateOf`) or whose author has a flood or bad-faith flag (`authorFlags`).",
      }),
    ),
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'Search: statements whose original or a translation contains every word (any case), or the statement with this number (`12` or `#12`).' }),
    ),
    sort: Type.Optional(
      Type.Enum(['oldest', 'newest', 'votes', 'similar'], {
        description: "Default oldest (statement id order). 'votes': most votes first; 'similar': highest similarity to another statement first.",
      }),
    ),
    after: Type.Optional(Type.Integer({ minimum: -1, maximum: 2_147_483_647, description: "With sort 'oldest' only: statements with ids after this one (`next` of the previous page)." })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: 'Statements to skip, any sort (`nextOffset` of the previous page). Default 0.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'Page size. Default 50.' })),
  },
  { additionalProperties: false },
);

export const StatementPage = Type.Object({
  items: Type.Array(StatementOut),
  next: Type.Union([Type.Integer(), Type.Null()], { description: 'Pass as `after` for the next page; null on the last page.' }),
  total: Type.Integer({ description: 'Visible statements in the conversation.' }),
  removed: Type.Array(StatementId, { description: 'With `changedAfter`: statements participants can no longer see (drop them). Empty otherwise.' }),
  cursor: cursor(
    'Pass as `changedAfter` to get only what changed since this reply. When paging, keep the cursor of the first page: a change during the walk is then fetched again next time instead of missed.',
  ),
});
export const QueuePage = Type.Object({
  items: Type.Array(QueueItem),
  next: Type.Union([Type.Integer(), Type.Null()], { description: "Sort 'oldest': pass as `after` for the next page; null on the last page or with another sort." }),
  nextOffset: Type.Union([Type.Integer(), Type.Null()], { description: 'Pass as `offset` for the next page (any sort); null on the last page.' }),
  total: Type.Integer({ description: 'Statements matching the state and search.' }),
  related: Type.Array(
    Type.Object({ id: StatementId, text: Type.String(), lang: Type.Union([Type.String(), Type.Null()]), moderation: Moderation }),
    { description: "The statements the items' `duplicateOf` and first three `similar` name, with their original text, in id order." },
  ),
});
