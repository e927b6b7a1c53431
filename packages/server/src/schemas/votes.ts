import { Type } from 'typebox';
import { LanguageTag, languageTagPattern, ParticipantOut, StatementId, VoteName, Xid } from './common.js';
import { StatementOut } from './statements.js';

export const CastVoteBody = Type.Object(
  {
    statementId: StatementId,
    vote: VoteName,
    xid: Type.Optional(Xid),
    nextLanguages: Type.Optional(
      Type.Array(LanguageTag(), {
        minItems: 1,
        maxItems: 20,
        description: 'With `next=true`: only statements written in one of these languages (or in an unknown language), as `languages` of GET …/next.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const CastVoteQuery = Type.Object(
  { next: Type.Optional(Type.Boolean({ description: 'Also return the next statement. Default false.' })) },
  { additionalProperties: false },
);

export const NextOut = Type.Object({
  statement: Type.Union([StatementOut, Type.Null()]),
  remaining: Type.Integer({ description: 'Statements this participant can still vote on (in the languages asked for, if any).' }),
  total: Type.Integer({ description: 'Statements open for voting (in the languages asked for, if any).' }),
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
    languages: Type.Optional(
      Type.String({
        maxLength: 400,
        pattern: `^${languageTagPattern.slice(1, -1)}(,${languageTagPattern.slice(1, -1)})*$`,
        description:
          'Comma-separated language tags, e.g. `fi,sv`: only statements whose original is written in one of them (a region is ignored: `sv` takes `sv-FI`), plus those of unknown language. `remaining` and `total` count those only.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const XidQuery = Type.Object({ xid: Type.Optional(Xid) }, { additionalProperties: false });

export const JoinBody = Type.Object({ xid: Type.Optional(Xid) }, { additionalProperties: false });
