import { expect, test } from 'vitest';
import { textKey } from '../../src/services/textKey.js';

test('textKey folds case, Unicode forms and whitespace, nothing else', () => {
  expect(textKey('  Free\tPUBLIC   transport \n')).toBe('free public transport');
  expect(textKey('Ｃａｆé')).toBe(textKey('cafe\u0301'));
  expect(textKey('free transport!')).not.toBe(textKey('free transport'));
});
