import { describe, expect, it } from 'vitest';
import { companionFiles } from '../src/companionFiles.js';
import { fixtures } from './runCli.js';

describe('companionFiles(votesPath, given)', () => {
  it('finds comments and conversation files beside the votes file, by the votes file type', () => {
    const json = `${fixtures}polis-math-fixtures/below-100-ptpts/`;
    expect(companionFiles(`${json}votes.json`, {})).toEqual({ comments: `${json}comments.json`, conversation: `${json}conversation.json` });
    const csv = `${fixtures}open-data/vtaiwan.uberx/`;
    expect(companionFiles(`${csv}votes.csv`, {})).toEqual({ comments: `${csv}comments.csv`, conversation: null });
  });

  it('uses given files and honours false', () => {
    expect(companionFiles('/x/votes.csv', { comments: '/y/c.json', conversation: false })).toEqual({ comments: '/y/c.json', conversation: null });
  });
});
