import { Type } from 'typebox';
import { ConversationId } from './common.js';

export const ModeratorKeyBody = Type.Object({}, { additionalProperties: false, description: 'Empty: nothing to choose.' });

export const ModeratorKeyReply = Type.Object({
  moderatorKey: Type.String({ description: 'Shown once: the new moderator key. The previous one stops working at once.' }),
});

export const FeaturedBody = Type.Object(
  { featured: Type.Boolean({ description: 'true: list the conversation first on the start page; false: take it off.' }) },
  { additionalProperties: false },
);

export const FeaturedList = Type.Object({
  conversations: Type.Array(ConversationId, {
    description: 'Conversation ids featured on the start page, most recently featured first. When empty, the start page lists the demo conversations instead.',
  }),
});

export const ModeratorKeyLabel = Type.String({
  minLength: 1,
  maxLength: 60,
  pattern: '^[^\\u0000-\\u001f]+$',
  description: "Who holds the key, e.g. 'Anna (library)': the moderation log records it as who acted. Not 'admin' or 'moderator', unique in the conversation (ignoring case).",
});

export const NamedKeyBody = Type.Object({ label: ModeratorKeyLabel }, { additionalProperties: false });

export const NamedKeyReply = Type.Object({
  label: Type.String(),
  moderatorKey: Type.String({ description: 'Shown once: the new named moderator key.' }),
});

export const NamedKeyList = Type.Object({
  items: Type.Array(Type.Object({ label: Type.String(), createdAt: Type.Integer() }), { description: "The conversation's named moderator keys, oldest first (never the keys)." }),
});

export const NamedKeyParams = Type.Object({ id: ConversationId, label: ModeratorKeyLabel }, { additionalProperties: false });
