#!/usr/bin/env node
// Merges messages into a package's catalogs: node scripts/i18n-add.mjs <locales-dir> <fragment.json>
// where the fragment is {"en": {key: message}, "fi": {...}, "sv": {...}}. Keys come out sorted, so
// catalogs diff cleanly and several people can add messages without conflicts.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [dir, fragmentPath] = process.argv.slice(2);
if (!dir || !fragmentPath) {
  console.error('usage: node scripts/i18n-add.mjs <locales-dir> <fragment.json>');
  process.exit(2);
}
const fragment = JSON.parse(readFileSync(fragmentPath, 'utf8'));
for (const [lang, messages] of Object.entries(fragment)) {
  const file = join(dir, `${lang}.json`);
  const catalog = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  for (const [key, message] of Object.entries(messages)) {
    if (typeof message !== 'string') throw new Error(`${fragmentPath}: ${lang} "${key}" is not a string`);
    catalog[key] = message;
  }
  const sorted = Object.fromEntries(Object.entries(catalog).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
  console.log(`${file}: ${Object.keys(messages).length} merged, ${Object.keys(sorted).length} in all`);
}
