import { Type } from 'typebox';
import { errorCodes } from '../errors.js';

export const ErrorBody = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String({ description: `One of: ${Object.keys(errorCodes).join(', ')}.` }),
    message: Type.String(),
  },
  { $id: 'ErrorBody', description: 'Every error: an HTTP status, a stable code and a message naming the problem.' },
);

/** Error responses every route can return. */
export const errorResponses = {
  '4xx': Type.Ref('ErrorBody'),
  '5xx': Type.Ref('ErrorBody'),
} as const;

export const conversationIdPattern = '^[a-z0-9][a-z0-9-]{0,62}$';
export const ConversationId = Type.String({ pattern: conversationIdPattern, description: 'Conversation id (lower-case letters, digits, dashes; ≤ 63).' });
export const StatementId = Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: 'Statement id (Polis tid).' });
// 320 leaves room for the signed form `<exp>.<sig>.` in front of a 256-character xid (the inner limit is checked where identities resolve).
export const Xid = Type.String({ minLength: 1, maxLength: 320, pattern: '^[^\\u0000-\\u001f]+$', description: "The embedding platform's own participant id (≤ 256 characters), or `<exp>.<sig>.<xid>` where the conversation requires signed xids." });

export const languageTagPattern = '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$';
/** A BCP 47 language tag field (what the tags are for goes in `description`). */
export const LanguageTag = (description = 'A BCP 47 language tag, e.g. fi, sv, en, sv-FI.') => Type.String({ pattern: languageTagPattern, description });

export const ConversationParams = Type.Object({ id: ConversationId }, { additionalProperties: false });
export const StatementParams = Type.Object({ id: ConversationId, statementId: StatementId }, { additionalProperties: false });

export const Moderation = Type.Enum(['pending', 'accepted', 'rejected'], {
  description: 'pending (Polis mod 0), accepted (1), rejected (−1).',
});
export const VoteName = Type.Enum(['agree', 'disagree', 'pass']);

export const ParticipantHeaders = Type.Object(
  {
    'x-participant-token': Type.Optional(Type.String({ maxLength: 512, description: 'Participant token from first contact.' })),
    authorization: Type.Optional(Type.String({ maxLength: 1024, description: 'Bearer moderator/admin key (or a participant token).' })),
  },
  { additionalProperties: true },
);

export const Page = Type.Object(
  {
    after: Type.Optional(Type.Integer({ minimum: -1, maximum: 2_147_483_647, description: 'Return items with ids after this one. Default -1.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'Page size. Default 50.' })),
  },
  { additionalProperties: false },
);

export const ParticipantOut = Type.Object({
  pid: Type.Integer({ description: 'Participant number in this conversation (Polis pid).' }),
  token: Type.Optional(Type.String({ description: 'Returned once, on first contact: send it as X-Participant-Token.' })),
  xid: Type.Optional(Type.String()),
});
