import { expect } from '@open-wc/testing';
import { normalizeOneTimeCode } from '../../src/controllers/one-time-code.js';

describe('normalizeOneTimeCode()', () => {
  const cases: Array<[string, string, string]> = [
    ['a plain code', '482913', '482913'],
    ['spaces and dashes (O4)', ' 482 913\n', '482913'],
    ['a dash in the middle (O4)', '482-913', '482913'],
    ['fullwidth digits (O5)', '４８２９１３', '482913'],
    ['Arabic-Indic digits (O5)', '٤٨٢٩١٣', '482913'],
    ['Devanagari digits (O5)', '४८२९१३', '482913'],
    ['leading zeros (O6)', '012345', '012345'],
    ['the whole email sentence (O8)', 'Your code is 482913. It expires in 10 minutes.', '482913'],
  ];
  for (const [name, input, expected] of cases) {
    it(`reads ${name}`, () => expect(normalizeOneTimeCode(input, 6)).to.equal(expected));
  }

  it('leaves an ambiguous or short paste for the format check (O7)', () => {
    expect(normalizeOneTimeCode('123', 6)).to.equal('123');
    expect(normalizeOneTimeCode('codes 123456 and 654321', 6)).to.have.length(12);
    expect(normalizeOneTimeCode('🙂', 6)).to.equal('');
  });
});
