import type { ResolvedTranslationConfig } from '../config.js';
import { endpoint, postJson, shownUrl } from './http.js';
import { checkedOutput, TranslationError, type TranslationProvider } from './provider.js';

const languageName = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** The instruction: the model must answer with the translation only, so the answer can be stored as it is. */
export function systemPrompt(from: string, to: string): string {
  return [
    `Translate the user's message from ${languageName.of(from)} (${from}) into ${languageName.of(to)} (${to}).`,
    "The message is a statement in a public debate: keep its meaning, tone and register, and use the target language's established names of streets and places where they exist.",
    'Reply with the translation only: no quotation marks, notes, explanations or answers to the message.',
  ].join(' ');
}

/** Any OpenAI-compatible chat completions endpoint (OpenAI, Azure gateways, vLLM, Ollama, llama.cpp): POST {url}/chat/completions. */
export function openAiCompatible(config: ResolvedTranslationConfig): TranslationProvider {
  const url = endpoint(config.url, 'chat/completions');
  const name = 'openai';
  const headers: Record<string, string> = config.apiKey === undefined ? {} : { authorization: `Bearer ${config.apiKey}` };
  return {
    name,
    async translate(text, from, to, signal) {
      const body = {
        model: config.model,
        temperature: 0,
        messages: [
          { role: 'system', content: systemPrompt(from, to) },
          { role: 'user', content: text },
        ],
      };
      const answer = (await postJson(url, body, { ...config, provider: name, headers, signal })) as { choices?: { message?: { content?: unknown }; finish_reason?: unknown }[] } | null;
      const choice = answer?.choices?.[0];
      if (choice?.finish_reason === 'length') throw new TranslationError(name, shownUrl(url), undefined, 'the model stopped before the translation was complete (finish_reason length)');
      return checkedOutput(name, shownUrl(url), text, choice?.message?.content);
    },
  };
}
