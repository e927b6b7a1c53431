import { Type } from 'typebox';
import { ConversationId } from './common.js';

export const ParticipantFlagOut = Type.Object(
  {
    kind: Type.Enum(['statement-burst', 'fast-votes', 'agree-everything', 'identical-burst'], {
      description:
        "statement-burst: many statements in a short time; fast-votes: votes faster than anyone can read; agree-everything: a fresh participant agreeing with every statement; identical-burst: several fresh participants casting the same votes.",
    }),
    detail: Type.String({ description: 'The facts behind the flag in plain English.' }),
    count: Type.Integer({ description: 'The count in `detail`: statements, votes, or participants voting alike.' }),
    seconds: Type.Integer({ description: 'The time span in `detail`, in seconds.' }),
  },
  { description: 'A flood or bad-faith signal: worth a look, never acted on by itself.' },
);

export const ExclusionOut = Type.Object({
  reason: Type.String(),
  actor: Type.String({ description: "Who excluded: the key's label ('admin', 'moderator' or a named key)." }),
  excludedAt: Type.Integer({ description: 'Milliseconds since the epoch.' }),
});

export const ModeratedParticipant = Type.Object({
  pid: Type.Integer({ description: 'Participant number in this conversation (Polis pid).' }),
  createdAt: Type.Integer(),
  votes: Type.Integer({ description: 'Statements the participant has a vote on.' }),
  statements: Type.Integer({ description: 'Statements the participant wrote.' }),
  flags: Type.Array(ParticipantFlagOut),
  exclusion: Type.Union([ExclusionOut, Type.Null()], { description: "Set while the participant's votes are left out of the math; null otherwise." }),
});

export const ModeratedParticipantsQuery = Type.Object(
  {
    flagged: Type.Optional(Type.Boolean({ description: 'true: only participants with a flag or an exclusion. Default false: every participant, by pid.' })),
    after: Type.Optional(Type.Integer({ minimum: -1, maximum: 2_147_483_647, description: 'Return participants with pids after this one. Default -1.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'Page size. Default 50.' })),
  },
  { additionalProperties: false },
);

export const ModeratedParticipantsPage = Type.Object({
  items: Type.Array(ModeratedParticipant),
  next: Type.Union([Type.Integer(), Type.Null()], { description: 'Pass as `after` for the next page; null on the last.' }),
  total: Type.Integer({ description: 'Participants matching the query.' }),
  excluded: Type.Integer({ description: "Participants whose votes the math leaves out." }),
});

export const ParticipantParams = Type.Object(
  { id: ConversationId, pid: Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: 'Participant number (Polis pid).' }) },
  { additionalProperties: false },
);

export const ExclusionBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 500, description: 'Why, for the moderation log. Default empty.' })) },
  { additionalProperties: false },
);

export const ModerationLogQuery = Type.Object(
  {
    after: Type.Optional(Type.Integer({ minimum: 0, description: 'Return entries with ids after this one. Default 0.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'Page size. Default 100.' })),
    format: Type.Optional(Type.Enum(['json', 'csv'], { description: "csv: the whole log as a file (id, time, actor, action, target, detail). Default json." })),
  },
  { additionalProperties: false },
);

export const ModerationLogEntryOut = Type.Object({
  id: Type.Integer(),
  at: Type.Integer({ description: 'Milliseconds since the epoch.' }),
  actor: Type.String({ description: "The key's label: 'admin', 'moderator' or a named key's label." }),
  action: Type.String({ description: "What was done, e.g. 'statement.reject', 'participant.exclude', 'participant.include'." }),
  target: Type.Union([Type.String(), Type.Null()], { description: "What it was done to, e.g. 'statement:12', 'participant:7'." }),
  detail: Type.Unknown({ description: 'More about the action (JSON), or null.' }),
});

export const ModerationLogPage = Type.Object({
  items: Type.Array(ModerationLogEntryOut),
  next: Type.Union([Type.Integer(), Type.Null()], { description: 'Pass as `after` for the next page; null on the last.' }),
  total: Type.Integer(),
});
