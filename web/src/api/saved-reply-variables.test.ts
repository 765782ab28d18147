import { describe, expect, it } from 'vitest';
import { authorForReply, renderSavedReply, unknownVariables, unknownVariablesMessage } from './saved-reply-variables.ts';

const values = { author: 'Mia', brand: 'Acme', agent: 'Ana Lima' };

describe('saved reply variables', () => {
  it('fills author, brand and agent wherever they are, whatever their case and spacing', () => {
    expect(renderSavedReply('Hi {{author}}, {{ Brand }} here. — {{AGENT}} ({{agent}})', values)).toBe('Hi Mia, Acme here. — Ana Lima (Ana Lima)');
  });

  it('leaves text without variables and single braces alone', () => {
    expect(renderSavedReply('Use code {SAVE10} at {{', values)).toBe('Use code {SAVE10} at {{');
  });

  it('does not fill a value that itself looks like a variable twice', () => {
    expect(renderSavedReply('{{author}} {{brand}}', { ...values, author: '{{brand}}' })).toBe('{{brand}} Acme');
  });

  it('lists unknown variables once each and names them in the refusal', () => {
    expect(unknownVariables('Hi {{author}}, order {{order}} and {{order}} {{ }}')).toEqual(['order', '']);
    expect(unknownVariables('Hi {{ author }}')).toEqual([]);
    expect(unknownVariablesMessage(['order'])).toBe('The reply uses {{order}}, which Earshot cannot fill in. Use only {{author}}, {{brand}} or {{agent}}.');
  });

  it('greets by display name, else by handle with its @', () => {
    expect(authorForReply({ handle: 'mia', name: ' Mia R ' })).toBe('Mia R');
    expect(authorForReply({ handle: 'mia', name: null })).toBe('@mia');
    expect(authorForReply({ handle: '@mia', name: '' })).toBe('@mia');
  });
});
