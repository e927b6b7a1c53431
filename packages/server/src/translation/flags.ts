import { readFileSync } from 'node:fs';
import type { TranslationConfig } from '../config.js';

export interface TranslationFlags {
  'translation-provider'?: string;
  'translation-url'?: string;
  'translation-key-file'?: string;
  'translation-model'?: string;
}

/**
 * The translation config from the command line, each flag falling back to its KUULO_TRANSLATION_* variable;
 * undefined (machine translation off) when no provider is named. The key comes from a file only: a flag
 * would show it in the process list. resolveConfig checks the values.
 */
export function translationFromFlags(flags: TranslationFlags, env: NodeJS.ProcessEnv): TranslationConfig | undefined {
  const provider = flags['translation-provider'] ?? env.KUULO_TRANSLATION_PROVIDER;
  const url = flags['translation-url'] ?? env.KUULO_TRANSLATION_URL;
  const keyFile = flags['translation-key-file'] ?? env.KUULO_TRANSLATION_KEY_FILE;
  const model = flags['translation-model'] ?? env.KUULO_TRANSLATION_MODEL;
  if (provider === undefined || provider === '') {
    const stray = url !== undefined ? '--translation-url' : keyFile !== undefined ? '--translation-key-file' : model !== undefined ? '--translation-model' : undefined;
    if (stray) throw new Error(`${stray} is set but --translation-provider (KUULO_TRANSLATION_PROVIDER) is not: name the provider, libretranslate or openai`);
    return undefined;
  }
  if (url === undefined) throw new Error(`--translation-provider ${provider} needs --translation-url (KUULO_TRANSLATION_URL), the service's base URL`);
  return { provider: provider as TranslationConfig['provider'], url, ...(keyFile !== undefined && { apiKey: readKey(keyFile) }), ...(model !== undefined && { model }) };
}

function readKey(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`--translation-key-file ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  // Editors and `echo` end the file with a newline that is not part of the key.
  const key = text.replace(/[\r\n]+$/, '');
  if (key === '') throw new Error(`--translation-key-file ${file}: the file is empty`);
  return key;
}
