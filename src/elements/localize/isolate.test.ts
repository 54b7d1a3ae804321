import { expect } from 'chai';
import { isolate } from './isolate.js';

describe('isolate: a name inside one of our sentences', () => {
  it('wraps the name in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE', () => {
    expect(isolate('Ben')).to.equal('\u2068Ben\u2069');
    expect(`Trust ${isolate('בן')}`).to.equal('Trust \u2068בן\u2069');
  });

  it('attack: a name with its own PDI and a right-to-left override cannot close the isolate early or turn the rest of the sentence around', () => {
    const sentence = `Block ${isolate('Eve\u2069\u202Ekcatta')} now`;
    expect([...sentence].filter((character) => character === '\u2069')).to.have.length(1);
    expect(sentence).to.not.include('\u202E');
    expect(sentence).to.equal('Block \u2068Evekcatta\u2069 now');
  });
});
