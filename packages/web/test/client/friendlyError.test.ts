import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/client/apiClient.js';
import { friendlyError } from '../../src/client/friendlyError.js';
import { pageTranslatorFor } from '../support/translator.js';

describe('friendlyError(error, t)', () => {
  const en = pageTranslatorFor('en');
  const fi = pageTranslatorFor('fi');

  it('says a known API code in the reader’s language', () => {
    expect(friendlyError(new ApiError(404, 'CONVERSATION_NOT_FOUND', "conversation 'x' does not exist"), en)).toBe('This conversation does not exist.');
    expect(friendlyError(new ApiError(429, 'RATE_LIMITED', 'rate limit exceeded, retry in 3 s'), fi)).toBe(fi.t('error.RATE_LIMITED'));
  });

  it('never shows the server’s own text for an unknown code, a proxy error or a script error', () => {
    const raw = [new ApiError(400, 'FST_ERR_VALIDATION', 'body/statementId must be integer'), new ApiError(502, 'HTTP_502', 'Bad Gateway'), new Error('Cannot read properties of undefined')];
    for (const error of raw) expect(friendlyError(error, en)).toBe('Something went wrong. Reload the page or try again later.');
    expect(friendlyError(new ApiError(502, 'HTTP_502', 'Bad Gateway'), fi)).toBe('Jokin meni vikaan. Lataa sivu uudelleen tai yritä myöhemmin uudelleen.');
  });

  it('tells a lost connection apart (fetch rejects with a TypeError)', () => {
    expect(friendlyError(new TypeError('Failed to fetch'), en)).toBe('The server could not be reached. Check your connection and try again.');
  });
});
