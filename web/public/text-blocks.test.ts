import { describe, expect, it } from 'vitest';
import { blocks } from './text-blocks.ts';

describe('text blocks of an information page', () => {
  it('makes paragraphs of lines and lists of "- " lines, ignoring empty lines', () => {
    expect(blocks('Eerste zin.\n\nWat kunt u doen?\n- Bel ons.\n- Chat met ons.\n\n\nBij gevaar: bel 112.')).toEqual([
      { kind: 'p', text: 'Eerste zin.' },
      { kind: 'p', text: 'Wat kunt u doen?' },
      { kind: 'ul', items: ['Bel ons.', 'Chat met ons.'] },
      { kind: 'p', text: 'Bij gevaar: bel 112.' },
    ]);
    expect(blocks('  \n \n')).toEqual([]);
  });
});
