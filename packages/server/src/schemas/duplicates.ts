import { Type } from 'typebox';
import { StatementId } from './common.js';

const Shown = Type.Object({
  id: StatementId,
  text: Type.String({ description: 'The original text.' }),
  lang: Type.Union([Type.String(), Type.Null()]),
});

export const MyDuplicatesReply = Type.Object({
  items: Type.Array(
    Type.Object({
      statementId: StatementId,
      text: Type.String({ description: "The participant's own statement, as written." }),
      duplicateOf: Shown,
    }),
    { description: "The participant's statements a moderator rejected as repeating another, newest first, each with the statement to vote on instead (left out while that one is not visible)." },
  ),
  pending: Type.Array(StatementId, { description: "The participant's statements still awaiting moderation: fetch again when a `moderation` event names one." }),
});
