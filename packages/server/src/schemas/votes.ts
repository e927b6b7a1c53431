import { Type } from 'typebox';
import { ParticipantOut, StatementId, VoteName, Xid } from './common.js';
import { StatementOut } from './statements.js';

export const CastVoteBody = Type.Object(
  {
    statementId: StatementId,
    vote: VoteName,
    xid: Type.Optional(Xid),
  },
  { additionalProperties: false },
);

export const CastVoteQuery = Type.Object(
  { next: Type.Optional(Type.Boolean({ description: 'Also return the next statement. Default false.' })) },
  { additionalProperties: false },
);

export const NextOut = Type.Object({
  statement: Type.Union([StatementOut, Type.Null()]),
  remaining: Type.Integer({ description: 'Statements this participant can still vote on.' }),
  total: Type.Integer({ description: 'Statements open for voting.' }),
});

export const CastVoteReply = Type.Object({
  statementId: StatementId,
  vote: VoteName,
  createdAt: Type.Integer(),
  participant: ParticipantOut,
  next: Type.Optional(NextOut),
});

export const MyVotesReply = Type.Object({
  participant: ParticipantOut,
  votes: Type.Array(Type.Object({ statementId: StatementId, vote: VoteName, createdAt: Type.Integer() })),
});

export const NextQuery = Type.Object(
  {
    xid: Type.Optional(Xid),
    without: Type.Optional(Type.Array(StatementId, { maxItems: 100, description: 'Statement ids to skip (e.g. the one on screen).' })),
  },
  { additionalProperties: false },
);

export const XidQuery = Type.Object({ xid: Type.Optional(Xid) }, { additionalProperties: false });

export const JoinBody = Type.Object({ xid: Type.Optional(Xid) }, { additionalProperties: false });
