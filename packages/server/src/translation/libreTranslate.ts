import type { ResolvedTranslationConfig } from '../config.js';
import { endpoint, postJson, shownUrl } from './http.js';
import { checkedOutput, type TranslationProvider } from './provider.js';

/** LibreTranslate (self-hosted or libretranslate.com): POST {url}/translate. */
export function libreTranslate(config: ResolvedTranslationConfig): TranslationProvider {
  const url = endpoint(config.url, 'translate');
  const name = 'libretranslate';
  return {
    name,
    async translate(text, from, to, signal) {
      const body = { q: text, source: from, target: to, format: 'text', ...(config.apiKey !== undefined && { api_key: config.apiKey }) };
      const answer = (await postJson(url, body, { ...config, provider: name, signal })) as { translatedText?: unknown } | null;
      return checkedOutput(name, shownUrl(url), text, answer?.translatedText);
    },
  };
}
