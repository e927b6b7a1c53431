import type { ResolvedTranslationConfig } from '../config.js';
import { libreTranslate } from './libreTranslate.js';
import { openAiCompatible } from './openAiCompatible.js';

/** A machine-translation service reached over HTTP. */
export interface TranslationProvider {
  /** 'libretranslate' or 'openai', for logs and errors. */
  readonly name: string;
  /** `text` from language `from` into `to` (BCP 47 codes such as fi, sv, en); rejects with a TranslationError. */
  translate(text: string, from: string, to: string, signal: AbortSignal): Promise<string>;
}

/** A failed translation: names the provider, the URL (without credentials) and the HTTP status when there was one; never the key. */
export class TranslationError extends Error {
  readonly provider: string;
  readonly url: string;
  readonly status: number | undefined;

  constructor(provider: string, url: string, status: number | undefined, detail: string) {
    super(`${provider} translation failed${status === undefined ? '' : ` with HTTP ${status}`} at ${url}: ${detail}`);
    this.name = 'TranslationError';
    this.provider = provider;
    this.url = url;
    this.status = status;
  }
}

/** The configured provider. */
export function createProvider(config: ResolvedTranslationConfig): TranslationProvider {
  return config.provider === 'openai' ? openAiCompatible(config) : libreTranslate(config);
}

/**
 * The translation as stored: trimmed, not empty, and at most four times the original plus 200 characters
 * (a longer answer is a model explaining itself, not a translation).
 */
export function checkedOutput(provider: string, url: string, original: string, output: unknown): string {
  if (typeof output !== 'string') throw new TranslationError(provider, url, undefined, 'the answer has no translated text');
  const text = output.trim();
  if (text === '') throw new TranslationError(provider, url, undefined, 'the translation is empty');
  const max = 4 * [...original].length + 200;
  const length = [...text].length;
  if (length > max) throw new TranslationError(provider, url, undefined, `the translation has ${length} characters, more than the cap of ${max} for this text`);
  return text;
}
