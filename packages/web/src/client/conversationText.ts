import type { Conversation } from './apiTypes';

/** A conversation's topic or description as a reader sees it, with the language it is written in. */
export interface ConversationText {
  text: string;
  /** Language of `text`; undefined when the conversation names no languages. */
  lang: string | undefined;
}

/**
 * Topic and description for a reader of `lang`: the conversation's translation into it when it
 * has one, else the main text (written in the conversation's first language).
 */
export function conversationText(conversation: Pick<Conversation, 'topic' | 'description' | 'languages' | 'translations'>, lang: string): { topic: ConversationText; description: ConversationText } {
  const main = conversation.languages[0];
  const own = main === lang ? undefined : conversation.translations?.[lang];
  const pick = (translated: string | undefined, original: string): ConversationText => (translated ? { text: translated, lang } : { text: original, lang: main });
  return { topic: pick(own?.topic, conversation.topic), description: pick(own?.description, conversation.description) };
}
