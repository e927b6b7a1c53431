import { randomBytes, randomInt } from 'node:crypto';
import { defaultPrivacyFloor } from '@kuulo/core';
import type { Db } from '../db/db.js';
import { generateKey, hashKey } from '../auth/keys.js';
import { generateXidSecret } from '../auth/xidSignature.js';
import { apiError } from '../errors.js';
import { findConversation, insertConversation, type BridgingSetting, type ConversationRow, type ConversationTranslations, type MathMode } from '../repositories/conversations.js';

export interface ConversationInput {
  id?: string;
  topic: string;
  description?: string;
  strictModeration?: boolean;
  open?: boolean;
  languages?: string[];
  /** Topic and description per language (each one of `languages`). */
  translations?: ConversationTranslations;
  /** Opt in to machine translation. Default false. */
  machineTranslation?: boolean;
  /** Default 'polis'. */
  mode?: MathMode;
  /** Default 'auto'. */
  bridging?: BridgingSetting;
  /** No published number describes fewer participants (2..100). Default 5. */
  privacyFloor?: number;
  /** Votes a statement needs overall to be a report headline (≥ 1). Default 10. */
  headlineMinVotes?: number;
  /** Votes a statement needs in every group for an "across groups" headline (≥ 1; the report uses at least privacyFloor). Default 5. */
  headlineMinGroupVotes?: number;
  /** Require xids signed with a new per-conversation secret (returned once). Default false. */
  signedXids?: boolean;
}

/** Defaults of the trust settings (issue #14), in one place: the schemas and the README quote them. */
export const settingDefaults = { privacyFloor: defaultPrivacyFloor, headlineMinVotes: 10, headlineMinGroupVotes: 5 } as const;

const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';

/** A 10-character random id, like Polis's conversation ids (50 bits). */
export function randomConversationId(): string {
  return Array.from(randomBytes(10), (b) => alphabet[b & 31]).join('');
}

type TextLimits = { topicLength: number; descriptionLength: number };

/**
 * Topic and description translations merged into `current`: each language named replaces its entry
 * (trimmed; both empty removes it). VALIDATION_FAILED names a language that is not one of `languages`
 * or a text over its limit.
 */
export function mergeTranslations(current: ConversationTranslations, input: ConversationTranslations, languages: readonly string[], limits: TextLimits): ConversationTranslations {
  const out: ConversationTranslations = { ...current };
  for (const [lang, entry] of Object.entries(input)) {
    const tag = languages.find((l) => l.toLowerCase() === lang.toLowerCase());
    if (tag === undefined) {
      throw apiError('VALIDATION_FAILED', `body.translations has language '${lang}', which is not one of the conversation's languages (${languages.join(', ') || 'none set'}); add it to languages first`);
    }
    const topic = entry.topic?.trim() ?? '';
    const description = entry.description?.trim() ?? '';
    if (topic.length > limits.topicLength) throw apiError('VALIDATION_FAILED', `body.translations.${lang}.topic has ${topic.length} characters, more than the limit of ${limits.topicLength}`);
    if (description.length > limits.descriptionLength) {
      throw apiError('VALIDATION_FAILED', `body.translations.${lang}.description has ${description.length} characters, more than the limit of ${limits.descriptionLength}`);
    }
    delete out[tag];
    if (topic !== '' || description !== '') out[tag] = { ...(topic !== '' && { topic }), ...(description !== '' && { description }) };
  }
  return out;
}

/** Inserts a conversation with a fresh moderator key (and xid secret when asked); returns them once. Call inside a transaction when combined with other writes. */
export async function createConversation(
  db: Db,
  input: ConversationInput,
  limits: TextLimits,
): Promise<{ conversation: ConversationRow; moderatorKey: string; xidSecret?: string }> {
  const topic = input.topic.trim();
  const description = (input.description ?? '').trim();
  if (topic.length === 0) throw apiError('VALIDATION_FAILED', 'body.topic is empty after trimming');
  if (topic.length > limits.topicLength) throw apiError('VALIDATION_FAILED', `body.topic has ${topic.length} characters, more than the limit of ${limits.topicLength}`);
  if (description.length > limits.descriptionLength) {
    throw apiError('VALIDATION_FAILED', `body.description has ${description.length} characters, more than the limit of ${limits.descriptionLength}`);
  }
  const slug = input.id ?? randomConversationId();
  if (await findConversation(db, slug)) throw apiError('CONVERSATION_EXISTS', `conversation '${slug}' already exists`);
  const languages = [...new Set(input.languages ?? [])];
  const translations = mergeTranslations({}, input.translations ?? {}, languages, limits);
  const moderatorKey = generateKey('moderator');
  const now = Date.now();
  const conversation = await insertConversation(db, {
    slug,
    topic,
    description,
    strictModeration: input.strictModeration ?? false,
    isOpen: input.open ?? true,
    languages,
    translations,
    machineTranslation: input.machineTranslation ?? false,
    useXidAllowlist: false,
    moderatorKeyHash: hashKey(moderatorKey),
    seed: randomInt(2 ** 31),
    mode: input.mode ?? 'polis',
    bridging: input.bridging ?? 'auto',
    privacyFloor: input.privacyFloor ?? settingDefaults.privacyFloor,
    headlineMinVotes: input.headlineMinVotes ?? settingDefaults.headlineMinVotes,
    headlineMinGroupVotes: input.headlineMinGroupVotes ?? settingDefaults.headlineMinGroupVotes,
    xidSecret: input.signedXids ? generateXidSecret() : null,
    createdAt: now,
    updatedAt: now,
  });
  return { conversation, moderatorKey, ...(conversation.xidSecret !== null && { xidSecret: conversation.xidSecret }) };
}
