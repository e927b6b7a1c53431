import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { resolveConfig, type TranslationConfig } from '../../src/config.js';
import { translationFromFlags } from '../../src/translation/flags.js';

const dir = mkdtempSync(join(tmpdir(), 'kuulo-translation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('translation config', () => {
  test('off by default; a provider gets the defaults for time limit, retries and concurrency', () => {
    expect(resolveConfig().translation).toBeUndefined();
    expect(resolveConfig({ translation: { provider: 'libretranslate', url: 'http://localhost:5000' } }).translation).toEqual({
      provider: 'libretranslate',
      url: 'http://localhost:5000',
      timeoutMs: 20_000,
      retries: 2,
      retryDelayMs: 1000,
      concurrency: 2,
    });
  });

  test.each([
    [{ provider: 'deepl' as 'openai', url: 'http://x' }, 'config translation.provider (--translation-provider) must be libretranslate or openai, got "deepl"'],
    [{ provider: 'libretranslate', url: 'localhost:5000' }, 'config translation.url (--translation-url) must be an http:// or https:// URL, got "localhost:5000"'],
    [{ provider: 'libretranslate', url: 'ftp://example.org' }, 'config translation.url (--translation-url) must be an http:// or https:// URL, got "ftp://example.org"'],
    [{ provider: 'libretranslate', url: 'http://me:pw@example.org' }, 'config translation.url (--translation-url) must not hold a user or password'],
    [{ provider: 'openai', url: 'https://api.openai.com/v1' }, 'config translation.model (--translation-model) is needed with the openai provider'],
    [{ provider: 'libretranslate', url: 'http://x', concurrency: 0 }, 'config translation.concurrency must be an integer ≥ 1, got 0'],
    [{ provider: 'libretranslate', url: 'http://x', timeoutMs: 0.5 }, 'config translation.timeoutMs must be an integer ≥ 1, got 0.5'],
  ] satisfies [TranslationConfig, string][])('rejects %j', (translation, message) => {
    expect(() => resolveConfig({ translation })).toThrow(message);
  });
});

describe('translation flags', () => {
  test('no provider: off', () => {
    expect(translationFromFlags({}, {})).toBeUndefined();
  });

  test('flags win over KUULO_TRANSLATION_* and the key is read from its file without the trailing newline', () => {
    const keyFile = join(dir, 'key');
    writeFileSync(keyFile, 'sk-from-file\n');
    const env = { KUULO_TRANSLATION_PROVIDER: 'libretranslate', KUULO_TRANSLATION_URL: 'http://env', KUULO_TRANSLATION_MODEL: 'env-model', KUULO_TRANSLATION_KEY_FILE: keyFile };
    expect(translationFromFlags({}, env)).toEqual({ provider: 'libretranslate', url: 'http://env', apiKey: 'sk-from-file', model: 'env-model' });
    expect(translationFromFlags({ 'translation-provider': 'openai', 'translation-url': 'https://api.example.org/v1', 'translation-model': 'gpt-4o-mini' }, env)).toEqual({
      provider: 'openai',
      url: 'https://api.example.org/v1',
      apiKey: 'sk-from-file',
      model: 'gpt-4o-mini',
    });
  });

  test.each([
    [{ 'translation-url': 'http://x' }, '--translation-url is set but --translation-provider (KUULO_TRANSLATION_PROVIDER) is not'],
    [{ 'translation-model': 'm' }, '--translation-model is set but --translation-provider'],
    [{ 'translation-provider': 'openai' }, '--translation-provider openai needs --translation-url (KUULO_TRANSLATION_URL)'],
    [{ 'translation-provider': 'libretranslate', 'translation-url': 'http://x', 'translation-key-file': '/nowhere/key' }, '--translation-key-file /nowhere/key: cannot read it (ENOENT)'],
  ])('rejects %j', (flags, message) => {
    expect(() => translationFromFlags(flags, {})).toThrow(message);
  });

  test('an empty key file is refused', () => {
    const empty = join(dir, 'empty');
    writeFileSync(empty, '\n');
    expect(() => translationFromFlags({ 'translation-provider': 'libretranslate', 'translation-url': 'http://x', 'translation-key-file': empty }, {})).toThrow(`--translation-key-file ${empty}: the file is empty`);
  });

  test('kuulo-server lists the flags and refuses a bad value naming the flag and the value', () => {
    const server = (args: string[]) =>
      spawnSync(process.execPath, ['--conditions=@kuulo/source', '--import', 'tsx', fileURLToPath(new URL('../../src/server.ts', import.meta.url)), ...args], {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        encoding: 'utf8',
        env: { ...process.env, KUULO_ADMIN_KEY: 'kadm_test-admin-key-0123456789abcdef' },
      });
    expect(server(['--help']).stdout).toMatch(/--translation-provider <p>[\s\S]*--translation-url <url>[\s\S]*--translation-key-file <path>[\s\S]*--translation-model <name>/);
    const bad = server(['--db', ':memory:', '--port', '0', '--translation-provider', 'deepl', '--translation-url', 'http://localhost:5000']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('config translation.provider (--translation-provider) must be libretranslate or openai, got "deepl"');
  });
});
