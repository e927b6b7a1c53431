import type { FastifyInstance, FastifyRequest } from 'fastify';
import { apiError } from '../errors.js';
import type { ConversationRow } from '../repositories/conversations.js';
import { findStatement, setStatementLang, type StatementRow } from '../repositories/statements.js';
import { deleteTranslation, putTranslation } from '../repositories/translations.js';
import { conversationLanguage, sameLanguage } from './statementLanguage.js';
import { moderationName } from './statementView.js';
import { cleanText } from './submitStatement.js';

/**
 * Where machine translation hooks in (`app.kuulo.onStatementCreated`): called after a participant's or
 * seed statement is stored, only for conversations that opted in (`machineTranslation`). It stores
 * what it makes with putTranslation(…, 'machine') and publishes the statement event; failures are logged.
 */
export type StatementCreatedHook = (conversation: ConversationRow, statement: StatementRow) => Promise<void>;

/** Hands a new statement to the machine-translation hook, when there is one and the conversation opted in; never delays the reply. */
export function statementCreated(app: FastifyInstance, conversation: ConversationRow, statement: StatementRow): void {
  const hook = app.kuulo.onStatementCreated;
  if (!hook || !conversation.machineTranslation) return;
  hook(conversation, statement).catch((error: unknown) => app.log.warn({ err: error, conversation: conversation.slug, statement: statement.tid }, 'machine translation failed'));
}

async function statementOrThrow(request: FastifyRequest, conversation: ConversationRow, tid: number): Promise<StatementRow> {
  const statement = await findStatement(request.server.db, conversation.id, tid);
  if (!statement) throw apiError('STATEMENT_NOT_FOUND', `statement ${tid} does not exist in conversation '${conversation.slug}'`);
  return statement;
}

/** The conversation's spelling of `lang` for a translation of `statement`, or VALIDATION_FAILED naming the tag and why. */
function translationLanguage(conversation: ConversationRow, statement: StatementRow, lang: string): string {
  const tag = conversationLanguage(conversation, lang);
  if (tag === undefined) {
    const languages = conversation.languages.length > 0 ? `its languages are ${conversation.languages.join(', ')}` : 'it has no languages set (PATCH the conversation\'s languages first)';
    throw apiError('VALIDATION_FAILED', `params.lang '${lang}' is not one of conversation '${conversation.slug}''s languages: ${languages}`);
  }
  if (statement.lang !== null && sameLanguage(statement.lang, tag)) {
    throw apiError('VALIDATION_FAILED', `params.lang '${lang}' is the language statement ${statement.tid} is written in: its text is the original, not a translation`);
  }
  return tag;
}

const published = (request: FastifyRequest, conversation: ConversationRow, statement: StatementRow): StatementRow => {
  request.server.kuulo.events.publish(conversation.id, { type: 'statement', statementId: statement.tid, moderation: moderationName[statement.moderation] });
  return statement;
};

/** A moderator's translation of a statement into one of the conversation's languages (replaces any earlier one, a machine's too). */
export async function setTranslation(request: FastifyRequest, conversation: ConversationRow, tid: number, lang: string, text: string): Promise<StatementRow> {
  const statement = await statementOrThrow(request, conversation, tid);
  const tag = translationLanguage(conversation, statement, lang);
  await putTranslation(request.server.db, conversation.id, tid, tag, cleanText(request, text), 'moderator');
  return published(request, conversation, statement);
}

/** Removes a statement's translation; nothing to remove is not an error (the statement is returned as it is). */
export async function removeTranslation(request: FastifyRequest, conversation: ConversationRow, tid: number, lang: string): Promise<StatementRow> {
  const statement = await statementOrThrow(request, conversation, tid);
  const tag = conversationLanguage(conversation, lang) ?? lang;
  return await deleteTranslation(request.server.db, conversation.id, tid, tag) ? published(request, conversation, statement) : statement;
}

/** A moderator's correction of the language a statement is written in (the conversation's spelling when it is one of its languages). */
export async function correctLanguage(request: FastifyRequest, conversation: ConversationRow, tid: number, lang: string): Promise<void> {
  const statement = await statementOrThrow(request, conversation, tid);
  const tag = conversationLanguage(conversation, lang) ?? lang;
  if (statement.lang === tag && statement.langSource === 'moderator') return;
  await setStatementLang(request.server.db, conversation.id, tid, tag, 'moderator');
  published(request, conversation, statement);
}
