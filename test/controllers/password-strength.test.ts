import { expect } from '@open-wc/testing';
import { passwordStrength } from '../../src/controllers/password-strength.js';

describe('passwordStrength (the reset step’s hint, from the length alone)', () => {
  it('is too short below the backend minimum, then fair, good and strong every five code points', () => {
    expect(passwordStrength('a'.repeat(14), 15)).to.equal('short');
    expect(passwordStrength('a'.repeat(15), 15)).to.equal('fair');
    expect(passwordStrength('a'.repeat(19), 15)).to.equal('fair');
    expect(passwordStrength('a'.repeat(20), 15)).to.equal('good');
    expect(passwordStrength('a'.repeat(24), 15)).to.equal('good');
    expect(passwordStrength('a'.repeat(25), 15)).to.equal('strong');
  });

  it('counts code points, as the backend does: an emoji is one character, not two UTF-16 units', () => {
    expect(passwordStrength('😀'.repeat(8), 8)).to.equal('fair');
    expect(passwordStrength('😀'.repeat(7), 8)).to.equal('short');
  });

  it('follows the minimum the backend announced', () => {
    expect(passwordStrength('a'.repeat(8), 8)).to.equal('fair');
    expect(passwordStrength('a'.repeat(8), 12)).to.equal('short');
  });
});
