import { Type } from 'typebox';
import { LanguageTag } from './common.js';

export const questionKeyPattern = '^[a-z0-9_-]{1,40}$';
const Key = (what: string) => Type.String({ pattern: questionKeyPattern, description: `The ${what}'s stable key (a–z, 0–9, _ and -; ≤ 40): answers and population figures refer to it.` });
const Texts = (max: number, what: string) =>
  Type.Record(LanguageTag(), Type.String({ minLength: 1, maxLength: max }), { description: `The ${what} per language tag (e.g. {"fi": …, "sv": …, "en": …}); at least one, each ≤ ${max} characters.` });
// A type list, not anyOf: with Fastify's type coercion an anyOf turns null into 0 (or 0 into null) depending on its order.
const Population = Type.Unsafe<number | null>({
  type: ['number', 'null'],
  minimum: 0,
  maximum: 1,
  description: "The population's share of this answer (0–1), from the city's statistics; null without one. A question's shares sum to 1 (±0.02).",
});

export const QuestionOut = Type.Object({
  key: Key('question'),
  text: Texts(300, 'question'),
  meta: Type.Union([Type.Integer(), Type.Null()], { description: "A Polis meta statement's tid standing in for the question: answered by its votes (answers `agree`, `disagree`), never asked." }),
  answers: Type.Array(Type.Object({ key: Key('answer'), text: Texts(120, 'answer'), population: Population })),
});

export const QuestionsReply = Type.Object({
  askAfterVotes: Type.Integer({ description: 'Votes a participant casts before the questions are offered.' }),
  questions: Type.Array(QuestionOut),
});

export const QuestionsBody = Type.Object(
  {
    askAfterVotes: Type.Optional(Type.Integer({ minimum: 0, maximum: 50, description: 'Votes before the questions are offered. Default 3.' })),
    questions: Type.Array(
      Type.Object(
        {
          key: Key('question'),
          text: Texts(300, 'question'),
          meta: Type.Optional(Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 0, maximum: 2_147_483_647, description: "A meta statement's tid: the question is answered by votes on it (answer keys must be `agree` and `disagree`)." })),
          answers: Type.Array(
            Type.Object({ key: Key('answer'), text: Texts(120, 'answer'), population: Type.Optional(Population) }, { additionalProperties: false }),
            { minItems: 2, maxItems: 12 },
          ),
        },
        { additionalProperties: false },
      ),
      { maxItems: 10 },
    ),
  },
  { additionalProperties: false },
);

const AnswerMap = Type.Record(Type.String({ maxLength: 40 }), Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 40 }), {
  description: 'Question key → answer key, or null where the participant chose not to answer.',
});

export const AnswersReply = Type.Object({ answers: AnswerMap });

export const AnswersBody = Type.Object(
  {
    answers: AnswerMap,
    xid: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })),
  },
  { additionalProperties: false },
);

export const RepresentativenessReply = Type.Object({
  tick: Type.Integer({ description: 'The math tick the section belongs to (0 before any math).' }),
  representativeness: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()], {
    description:
      "@kuulo/core's Representativeness (format kuulo-representativeness@1) under the conversation's privacyFloor; null before the first math with questions.",
  }),
  error: Type.Optional(Type.String({ description: 'Why the section could not be computed at this tick (the rest of the math is unaffected).' })),
});
