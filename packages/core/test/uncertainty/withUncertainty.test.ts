import { describe, expect, it } from 'vitest';
import { Conversation } from '../../src/conversation/conversation.js';
import { bootstrap } from '../../src/uncertainty/bootstrap.js';
import { withUncertainty } from '../../src/uncertainty/withUncertainty.js';
import { plantedConversation } from '../helpers/synthetic.js';

describe('withUncertainty(result, uncertainty)', () => {
  const conversation = new Conversation({ mode: 'stable' });
  conversation.addVotes(plantedConversation({ participants: 120, statements: 20 }).votes);
  const result = conversation.update();
  const uncertainty = bootstrap(conversation, { resamples: 2 });

  it('returns a copy carrying the uncertainty, leaving the input alone', () => {
    const combined = withUncertainty(result, uncertainty);
    expect(combined.uncertainty).toBe(uncertainty);
    expect(result.uncertainty).toBeUndefined();
    expect({ ...combined, uncertainty: undefined }).toEqual({ ...result, uncertainty: undefined });
  });

  it('rejects an uncertainty of another result', () => {
    expect(() => withUncertainty(result, { ...uncertainty, membershipConfidence: [0.5] })).toThrow(/uncertainty has 1 participants but the result has/);
    expect(() => withUncertainty(result, { ...uncertainty, groups: [{ id: 9, stability: 1 }] })).toThrow(/uncertainty is for groups \[9\]/);
  });
});
