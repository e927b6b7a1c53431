import { describe, expect, it } from 'vitest';
import { Conversation } from '../../src/conversation/conversation.js';
import { toPolisMath } from '../../src/conversation/toPolisMath.js';
import { polisFixtureNames, readPolisFixture } from '../helpers/fixtures.js';

describe('toPolisMath', () => {
  it('copies the result\'s arrays by default, and with copy: false shares them, the JSON the same', () => {
    const conversation = new Conversation();
    conversation.addVotes(readPolisFixture(polisFixtureNames[0]!).votes);
    const result = conversation.update();
    const copied = toPolisMath(result);
    const shared = toPolisMath(result, { copy: false });
    expect(JSON.stringify(shared)).toBe(JSON.stringify(copied));
    expect(copied['in-conv']).not.toBe(result.inConv);
    expect(copied['votes-base'][String(result.statements[0])]!.A).not.toBe(result.votesBase.agree[0]);
    expect(shared['in-conv']).toBe(result.inConv);
    expect(shared['votes-base'][String(result.statements[0])]!.A).toBe(result.votesBase.agree[0]);
    expect(shared['base-clusters'].members[0]).toBe(result.baseClusters.members[0]);
  });
});
