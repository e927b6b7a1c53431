import { Type } from 'typebox';
import { ConversationId, LanguageTag } from './common.js';
import { BridgingSchema, ConversationOut, HeadlineMinGroupVotesSchema, HeadlineMinVotesSchema, MathModeSchema, PrivacyFloorSchema } from './conversations.js';

const FileText = (description: string) => Type.String({ maxLength: 100 * 1024 * 1024, description });

export const ImportBody = Type.Object(
  {
    id: Type.Optional(ConversationId),
    topic: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'Default: the export\'s topic.' })),
    description: Type.Optional(Type.String({ maxLength: 20000 })),
    strictModeration: Type.Optional(Type.Boolean({ description: "Default: the export's setting, else false." })),
    open: Type.Optional(Type.Boolean({ description: 'Default true.' })),
    languages: Type.Optional(
      Type.Array(LanguageTag(), {
        maxItems: 20,
        description:
          "BCP 47 language tags, the main language first. Default: the languages of comments.csv's statements and translations (a Kuulo export's `language` and `translations` columns), most used first.",
      }),
    ),
    mode: Type.Optional(MathModeSchema),
    bridging: Type.Optional(BridgingSchema),
    privacyFloor: Type.Optional(PrivacyFloorSchema),
    headlineMinVotes: Type.Optional(HeadlineMinVotesSchema),
    headlineMinGroupVotes: Type.Optional(HeadlineMinGroupVotesSchema),
    sign: Type.Optional(
      Type.Enum(['auto', 'export', 'internal'], {
        description: "Vote sign of the file: 'export' (agree = +1), 'internal' (agree = −1, raw Polis database), or 'auto' (default): whichever reproduces the comments' counts.",
      }),
    ),
    format: Type.Enum(['polis-csv', 'polis-json']),
    files: Type.Object(
      {
        'comments.csv': Type.Optional(FileText('open-data comments.csv (polis-csv); a Kuulo export\'s trailing `language` and `translations` (JSON, language → text) columns are read when present')),
        'votes.csv': Type.Optional(FileText('open-data votes.csv (polis-csv)')),
        'summary.csv': Type.Optional(FileText('open-data summary.csv (optional; topic, description and, from a Kuulo export, math-mode)')),
        'participants-votes.csv': Type.Optional(FileText('ignored: derived from votes.csv')),
        'comments.json': Type.Optional(FileText('API comments (polis-json)')),
        'votes.json': Type.Optional(FileText('API votes (polis-json)')),
        'conversation.json': Type.Optional(FileText('API conversation (optional; topic, description, strict moderation)')),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const ImportReply = Type.Object({
  conversation: ConversationOut,
  moderatorKey: Type.String({ description: 'Shown once.' }),
  imported: Type.Object({ statements: Type.Integer(), participants: Type.Integer(), votes: Type.Integer(), negated: Type.Boolean() }),
});

export const ExportParams = Type.Object(
  {
    id: ConversationId,
    file: Type.Enum(
      ['comments.csv', 'votes.csv', 'participants-votes.csv', 'summary.csv', 'math.json', 'math-pca2.json'],
      { description: 'Polis open-data CSVs, or the math as Kuulo JSON / Polis pca2 JSON.' },
    ),
  },
  { additionalProperties: false },
);

export const ExportQuery = Type.Object(
  {
    raw: Type.Optional(
      Type.Boolean({
        description:
          "CSV only. Default false: a text cell starting with = + - @, tab or carriage return gets a leading ' so spreadsheets show it as text instead of running it (numbers are never changed). true: text exactly as stored.",
      }),
    ),
  },
  { additionalProperties: false },
);
