import { Type } from 'typebox';
import { ConversationId, Xid } from './common.js';

export const MathModeSchema = Type.Enum(['polis', 'stable'], {
  description: "Math mode: 'polis' (default) reproduces Polis, whose groups depend on vote order and update history; 'stable' makes every update a function of the current votes and the seed. Changing it recomputes from scratch.",
});
export const BridgingSchema = Type.Enum(['auto', 'on', 'off'], {
  description: "Bridging scores per statement in the result: 'auto' (default) in stable mode only, 'on' in both modes, 'off' never.",
});

const Languages = Type.Array(Type.String({ pattern: '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$' }), { maxItems: 20, description: 'BCP 47 language tags, e.g. fi, sv, en.' });

export const ConversationOut = Type.Object(
  {
    id: ConversationId,
    topic: Type.String(),
    description: Type.String(),
    strictModeration: Type.Boolean({ description: 'Statements are hidden until a moderator accepts them.' }),
    open: Type.Boolean({ description: 'Closed conversations take no votes or statements.' }),
    languages: Type.Array(Type.String()),
    xidAllowlist: Type.Boolean({ description: 'Only allow-listed xids may take part.' }),
    mode: MathModeSchema,
    bridging: BridgingSchema,
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
    mode: Type.Optional(MathModeSchema),
    bridging: Type.Optional(BridgingSchema),
  },
  { additionalProperties: false },
);

export const CreateConversationReply = Type.Object({
  conversation: ConversationOut,
  moderatorKey: Type.String({ description: 'Shown once: the key that moderates this conversation.' }),
});

export const UpdateConversationBody = Type.Object(
  {
    topic: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    description: Type.Optional(Type.String({ maxLength: 20000 })),
    strictModeration: Type.Optional(Type.Boolean()),
    open: Type.Optional(Type.Boolean()),
    languages: Type.Optional(Languages),
    mode: Type.Optional(MathModeSchema),
    bridging: Type.Optional(BridgingSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const XidAllowlistBody = Type.Object(
  {
    enabled: Type.Boolean({ description: 'Turn the allow-list on or off.' }),
    xids: Type.Optional(Type.Array(Xid, { maxItems: 100000, description: 'Replaces the whole list when given.' })),
  },
  { additionalProperties: false },
);

export const XidAllowlistReply = Type.Object({ enabled: Type.Boolean(), size: Type.Integer() });

export const ConversationList = Type.Object({ items: Type.Array(ConversationOut), next: Type.Union([Type.Integer(), Type.Null()]) });
