import { Type } from 'typebox';
import { Moderation, ParticipantOut, StatementId, Xid } from './common.js';

export const Tally = Type.Object({ agree: Type.Integer(), disagree: Type.Integer(), pass: Type.Integer() });

// Fields every view of a statement has.
const statementFields = {
  id: StatementId,
  text: Type.String(),
  lang: Type.Union([Type.String(), Type.Null()]),
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
});

export const SubmitStatementBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 20000, description: 'The statement; trimmed, then at most the configured length.' }),
    lang: Type.Optional(Type.String({ pattern: '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$' })),
    xid: Type.Optional(Xid),
  },
  { additionalProperties: false },
);

export const SubmitStatementReply = Type.Object({ statement: StatementOut, participant: ParticipantOut });

export const SeedStatementBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 20000 }),
    lang: Type.Optional(Type.String({ pattern: '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$' })),
    isMeta: Type.Optional(Type.Boolean({ description: 'Default false.' })),
  },
  { additionalProperties: false },
);

export const ModerateBody = Type.Object(
  { moderation: Type.Optional(Moderation), isMeta: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);

/** Opaque change cursor of a statement list (see StatementPage.cursor). */
const cursor = (description: string) => Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description });

export const StatementListQuery = Type.Object(
  {
    after: Type.Optional(Type.Integer({ minimum: -1, maximum: 2_147_483_647, description: 'Statements with ids after this one. Default -1.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'Page size. Default 50.' })),
    changedAfter: Type.Optional(
      cursor(
        'A `cursor` from an earlier reply: only statements whose tally or moderation changed since then, visible ones in `items` and hidden ones (rejected, or pending under strict moderation) in `removed`. Pages with `after` like the full list.',
      ),
    ),
  },
  { additionalProperties: false },
);

export const QueueQuery = Type.Object(
  {
    state: Type.Optional(
      Type.Enum(['pending', 'accepted', 'rejected', 'meta', 'all'], {
        description: 'Default pending.',
      }),
    ),
    after: Type.Optional(Type.Integer({ minimum: -1, maximum: 2_147_483_647 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
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
export const QueuePage = Type.Object({ items: Type.Array(QueueItem), next: Type.Union([Type.Integer(), Type.Null()]), total: Type.Integer() });
