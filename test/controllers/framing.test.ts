import { expect } from '@open-wc/testing';
import { framedByAnotherOrigin, type FramingWindow } from '../../src/controllers/framing.js';

/** A window stand-in: which frame it is, and what its ancestors' origins are (or that its top is unreadable). */
function frame(options: { top?: boolean; ancestors?: string[]; topOrigin?: string | 'unreadable' }): FramingWindow {
  const self = {};
  const topWindow = {
    get location(): { origin: string } {
      if (options.topOrigin === 'unreadable') throw new DOMException('Blocked a frame', 'SecurityError');
      return { origin: options.topOrigin ?? 'https://www.example.com' };
    },
  };
  const ancestorOrigins = options.ancestors && Object.assign([...options.ancestors], { length: options.ancestors.length });
  return { self, top: options.top ? self : topWindow, location: { origin: 'https://www.example.com', ancestorOrigins } };
}

describe('the framing check (reliability.md S31)', () => {
  it('is not framed in its own window', () => {
    expect(framedByAnotherOrigin(frame({ top: true }))).to.equal(false);
    expect(framedByAnotherOrigin(window)).to.equal(false);
  });

  it('is framed by another origin when any ancestor is another origin', () => {
    expect(framedByAnotherOrigin(frame({ ancestors: ['https://evil.example'] }))).to.equal(true);
    expect(framedByAnotherOrigin(frame({ ancestors: ['https://www.example.com', 'https://evil.example'] }))).to.equal(true);
  });

  it('a frame of its own origin is the site’s own', () => {
    expect(framedByAnotherOrigin(frame({ ancestors: ['https://www.example.com'] }))).to.equal(false);
  });

  it('without ancestorOrigins, a top window it may not read is another origin', () => {
    expect(framedByAnotherOrigin(frame({ topOrigin: 'unreadable' }))).to.equal(true);
    expect(framedByAnotherOrigin(frame({ topOrigin: 'https://www.example.com' }))).to.equal(false);
  });
});
