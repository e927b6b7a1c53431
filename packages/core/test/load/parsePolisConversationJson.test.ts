import { describe, expect, it } from 'vitest';
import { parsePolisConversationJson } from '../../src/load/parsePolisConversationJson.js';
import { mathFixtureText, thrown } from './fixtureFiles.js';

describe('parsePolisConversationJson(text)', () => {
  it('reads strict moderation and the topic of each fixture', () => {
    const read = (name: string) => parsePolisConversationJson(mathFixtureText(name, 'conversation.json'));
    expect(read('below-100-ptpts')).toMatchObject({ strictModeration: true, topic: 'Improving the Polis Software' });
    expect(read('50ptpt-3gp-strict-no-meta').strictModeration).toBe(true);
    expect(read('25ptpt-3gp-no-strict-with-meta').strictModeration).toBe(false);
  });

  it('treats a missing strict_moderation as false', () => {
    expect(parsePolisConversationJson('{}')).toEqual({ strictModeration: false });
  });

  it('names bad values and wrong types', () => {
    expect(thrown(() => parsePolisConversationJson('{\n "topic": "x",\n "strict_moderation": "maybe"\n}')).message).toBe(
      'conversation.json line 3, field "strict_moderation": expected true or false, got "maybe"',
    );
    expect(thrown(() => parsePolisConversationJson('[]')).message).toBe('conversation.json line 1: expected a JSON object, got an array');
    expect(thrown(() => parsePolisConversationJson('{"topic": ')).message).toMatch(/^conversation\.json line 1: invalid JSON at column 11: unexpected end of input/);
  });
});
