import { expect } from 'chai';
import { cleanName, MAX_NAME_LENGTH } from './names.js';

describe('cleanName', () => {
  it('removes what changes how a name shows without being seen: bidi controls, zero-width characters', () => {
    // Each of these shows as "Alice" (or as "Alice" next to other text) if left in.
    expect(cleanName('\u202EecilA')).to.equal('ecilA');
    expect(cleanName('Alice\u200B')).to.equal('Alice');
    expect(cleanName('\u2066Alice\u2069')).to.equal('Alice');
    expect(cleanName('Al\u200Eice\u200F')).to.equal('Alice');
    expect(cleanName('\uFEFFAlice\u2060')).to.equal('Alice');
    expect(cleanName('\u061CAlice')).to.equal('Alice');
  });

  it('turns control characters and whitespace runs into one space, trims, and keeps one spelling (NFC)', () => {
    expect(cleanName('  Ann\n\tLee\u0000 ')).to.equal('Ann Lee');
    expect(cleanName('Zoe\u0301')).to.equal('Zoé');
    expect(cleanName('Zoe\u0301')).to.equal(cleanName('Zo\u00e9'));
  });

  it('keeps what scripts and emoji need (ZWNJ, ZWJ) and names in any script', () => {
    expect(cleanName('می\u200Cخواهم')).to.equal('می\u200Cخواهم');
    expect(cleanName('👩\u200D💻 Dev')).to.equal('👩\u200D💻 Dev');
    expect(cleanName('Jürgen Groß')).to.equal('Jürgen Groß');
  });

  it(`keeps at most ${MAX_NAME_LENGTH} code points, without splitting one`, () => {
    const long = '😀'.repeat(MAX_NAME_LENGTH + 10);
    expect([...cleanName(long)]).to.have.length(MAX_NAME_LENGTH);
    expect(cleanName(long)).to.equal('😀'.repeat(MAX_NAME_LENGTH));
  });
});
