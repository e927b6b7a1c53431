import { Type } from 'typebox';

export const ActivityQuery = Type.Object(
  {
    bucket: Type.Optional(Type.Enum(['hour', 'day'], { description: 'Count per local hour or per local day. Default day.' })),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone the hours and days follow, e.g. Europe/Helsinki. Default UTC.' })),
  },
  { additionalProperties: false },
);

const ActivityBucketOut = Type.Object({
  start: Type.Integer({ description: 'Start of the span, ms since the epoch.' }),
  end: Type.Integer({ description: 'End of the span (exclusive), ms since the epoch.' }),
  participants: Type.Integer({ description: 'Distinct participants who voted or wrote in the span.' }),
  votes: Type.Integer({ description: 'Votes cast in the span (a changed vote counts again).' }),
  statements: Type.Integer({ description: 'Statements written in the span (seeds included).' }),
  merged: Type.Boolean({ description: 'The span joins several buckets so that it describes at least `floor` participants.' }),
});

export const ActivityReply = Type.Object(
  {
    bucket: Type.Enum(['hour', 'day']),
    timeZone: Type.String(),
    floor: Type.Integer({ description: "The conversation's privacyFloor." }),
    floorApplied: Type.Boolean({ description: 'Whether spans were merged and withheld under the floor (false with the moderator or admin key).' }),
    withheld: Type.Boolean({ description: 'The latest activity is left out until at least `floor` participants have taken part after the last span.' }),
    buckets: Type.Array(ActivityBucketOut, { description: 'Spans with any activity, oldest first; hours or days with none are left out.' }),
  },
  { description: 'Participants, votes and statements over time.' },
);
