import { describe, expect, it } from 'vitest';
import { agentParticiple, participleRoleWords } from './participle.js';

describe('agentParticiple', () => {
  it.each([
    ['author', 'authored'],
    ['editor', 'edited'],
    ['creator', 'created'],
    ['owner', 'owned'],
    ['reviewer', 'reviewed'],
    ['assignee', 'assigned'],
    ['approver', 'approved'],
    ['manager', 'managed'],
    ['invitee', 'invited'],
    ['employee', 'employed'],
    ['verifier', 'verified'],
    ['submitter', 'submitted'],
    ['sender', 'sent'],
    ['seller', 'sold'],
    ['buyer', 'bought'],
    ['writer', 'written'],
    ['receiver', 'received'],
  ])('%s → %s', (noun, participle) => {
    expect(agentParticiple(noun)).toBe(participle);
  });

  it.each(['user', 'order', 'number', 'member', 'customer', 'folder', 'parent', 'recipient', 'buddy', 'er', 'ee'])(
    '%s is no known agent noun',
    (word) => {
      expect(agentParticiple(word)).toBeNull();
    },
  );
});

describe('participleRoleWords', () => {
  it('turns a one-word role that is an agent noun into its participle', () => {
    expect(participleRoleWords(['author'])).toEqual(['authored']);
    expect(participleRoleWords(['buddy'])).toBeNull();
  });

  it('keeps longer roles as they are, whose other words describe the person', () => {
    expect(participleRoleWords(['subscribed', 'editor'])).toBeNull();
    expect(participleRoleWords(['editor', 'group'])).toBeNull();
    expect(participleRoleWords([])).toBeNull();
  });
});
