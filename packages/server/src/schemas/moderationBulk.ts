import { Type } from 'typebox';
import { Moderation, StatementId } from './common.js';
import { QueueItem } from './statements.js';

export const BulkModerationBody = Type.Object(
  {
    statementIds: Type.Array(StatementId, { minItems: 1, maxItems: 500, uniqueItems: true, description: 'The statements to change (at most 500, each once).' }),
    moderation: Moderation,
    isMeta: Type.Optional(Type.Boolean({ description: 'Also mark (true) or unmark (false) them as meta. Default: leave as they are.' })),
  },
  { additionalProperties: false },
);

export const BulkModerationReply = Type.Object({
  items: Type.Array(QueueItem, { description: 'Every named statement as stored now, in id order.' }),
  changed: Type.Array(StatementId, { description: 'The statements this request changed (the others already were so); each change is in the moderation log.' }),
});
