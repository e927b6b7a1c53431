import { describe, expect, it } from 'vitest';
import { parsePolisSummaryCsv } from '../../src/load/parsePolisSummaryCsv.js';
import { openDataNames, openDataText } from './fixtureFiles.js';

describe('parsePolisSummaryCsv(text)', () => {
  it.each(openDataNames)('reads the key/value rows of %s/summary.csv', (name) => {
    const summary = parsePolisSummaryCsv(openDataText(name, 'summary.csv'));
    expect(Object.keys(summary)).toEqual(['topic', 'url', 'views', 'voters', 'voters-in-conv', 'commenters', 'comments', 'groups', 'conversation-description']);
    expect(summary.url).toMatch(/^https:\/\/pol\.is\/\w+$/);
  });

  it('keeps multi-line quoted values whole', () => {
    const summary = parsePolisSummaryCsv(openDataText('scoop-hivemind.ubi', 'summary.csv'));
    expect(summary.topic).toBe('A Universal Basic Income for Aotearoa NZ?');
    expect(summary['conversation-description']).toMatch(/^This HiveMind is {2}__\*closed\*__\n\nThankyou to the 234 people/);
  });
});
