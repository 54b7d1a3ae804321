import { expect } from 'chai';
import { distanceKm, parseLatencyReport, parseSuggestions, ReportError, REPORT_LIMITS, suggestPeers, type LatencyReport, type ReportErrorCode } from './suggest.js';

function refused(value: unknown): ReportErrorCode {
  try {
    parseLatencyReport(value);
  } catch (error) {
    expect(error).to.be.instanceOf(ReportError);
    return (error as ReportError).code;
  }
  throw new Error(`accepted ${JSON.stringify(value)}`);
}

const reportsOf = (entries: Record<string, LatencyReport>) => new Map(Object.entries(entries));

describe('parseLatencyReport', () => {
  it('accepts a report, ignores other fields, and keeps geo coarse', () => {
    const report = parseLatencyReport({ type: 'report', ns: 'n', room: 'r', rtts: { b: 12.5, c: 0 }, geo: { lat: 52.5200066, lon: -13.404954 } });
    expect({ ...report.rtts }).to.deep.equal({ b: 12.5, c: 0 });
    expect(report.geo).to.deep.equal({ lat: 52.5, lon: -13.4 });
    expect(Object.keys(report)).to.deep.equal(['rtts', 'geo']);
    expect(parseLatencyReport({ rtts: {} })).to.deep.equal({ rtts: {} });
    expect(parseLatencyReport({ rtts: {}, geo: { lat: -0.04, lon: 180 } }).geo).to.deep.equal({ lat: 0, lon: 180 });
    expect(Object.is(parseLatencyReport({ rtts: {}, geo: { lat: -0.04, lon: 0 } }).geo!.lat, 0), 'no -0').to.equal(true);
  });

  it('refuses hostile input with a typed code', () => {
    const many = Object.fromEntries(Array.from({ length: REPORT_LIMITS.maxEntries + 1 }, (_, i) => [`p${i}`, 1]));
    const cases: [unknown, ReportErrorCode][] = [
      [null, 'malformed'],
      [undefined, 'malformed'],
      ['report', 'malformed'],
      [42, 'malformed'],
      [[], 'malformed'],
      [[{ rtts: {} }], 'malformed'],
      [{}, 'malformed'],
      [{ rtts: null }, 'malformed'],
      [{ rtts: [] }, 'malformed'],
      [{ rtts: [1, 2] }, 'malformed'],
      [{ rtts: 'b:1' }, 'malformed'],
      [{ rtts: { b: '12' } }, 'malformed'],
      [{ rtts: { b: null } }, 'malformed'],
      [{ rtts: { b: { ms: 1 } } }, 'malformed'],
      [{ rtts: { b: NaN } }, 'out-of-range'],
      [{ rtts: { b: Infinity } }, 'out-of-range'],
      [{ rtts: { b: -Infinity } }, 'out-of-range'],
      [{ rtts: { b: -1 } }, 'out-of-range'],
      [{ rtts: { b: REPORT_LIMITS.maxRttMs + 0.001 } }, 'out-of-range'],
      [{ rtts: { b: 1e308 } }, 'out-of-range'],
      [{ rtts: many }, 'too-many'],
      [{ rtts: { ['x'.repeat(129)]: 1 } }, 'malformed'],
      [{ rtts: { '': 1 } }, 'malformed'],
      [JSON.parse('{"rtts":{"__proto__":5}}'), 'malformed'],
      [{ rtts: {}, geo: null }, 'malformed'],
      [{ rtts: {}, geo: [52, 13] }, 'malformed'],
      [{ rtts: {}, geo: { lat: 52 } }, 'malformed'],
      [{ rtts: {}, geo: { lat: '52', lon: '13' } }, 'malformed'],
      [{ rtts: {}, geo: { lat: 90.1, lon: 0 } }, 'out-of-range'],
      [{ rtts: {}, geo: { lat: -91, lon: 0 } }, 'out-of-range'],
      [{ rtts: {}, geo: { lat: 0, lon: 180.5 } }, 'out-of-range'],
      [{ rtts: {}, geo: { lat: NaN, lon: 0 } }, 'out-of-range'],
      [{ rtts: {}, geo: { lat: 0, lon: Infinity } }, 'out-of-range'],
    ];
    for (const [value, code] of cases) expect(refused(value), JSON.stringify(value)?.slice(0, 80) ?? String(value)).to.equal(code);
  });

  it('takes exactly the limits, and prototype-named ids are plain data', () => {
    const full = Object.fromEntries(Array.from({ length: REPORT_LIMITS.maxEntries }, (_, i) => [`p${i}`, REPORT_LIMITS.maxRttMs]));
    expect(Object.keys(parseLatencyReport({ rtts: full }).rtts)).to.have.length(REPORT_LIMITS.maxEntries);
    expect(Object.keys(parseLatencyReport({ rtts: { ['x'.repeat(128)]: 1 } }).rtts)).to.have.length(1);
    const tricky = parseLatencyReport(JSON.parse('{"rtts":{"constructor":3,"toString":4,"hasOwnProperty":5}}'));
    expect(tricky.rtts.constructor).to.equal(3);
    expect(Object.getPrototypeOf(tricky.rtts)).to.equal(null);
    expect(Object.getPrototypeOf({})).to.not.have.property('polluted');
    // A prototype on the input is not read: only its own keys count.
    const inherited = Object.create({ ghost: 1 }) as Record<string, unknown>;
    expect(Object.keys(parseLatencyReport({ rtts: inherited }).rtts)).to.deep.equal([]);
  });
});

describe('suggestPeers', () => {
  it('skips itself, its links and peers that reported it; ranks by the best two-hop bound', () => {
    const reports = reportsOf({
      a: { rtts: { b: 10, c: 50 } },
      b: { rtts: { a: 10, d: 5, e: 40 } },
      c: { rtts: { a: 50, e: 1 } },
      f: { rtts: { a: 3 } }, // linked to a, a has not reported it yet
      g: { rtts: { c: 4 } }, // only g's side of the c–g link
    });
    const members = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    // d: 10+5; e: min(10+40, 50+1); g: 50+4 (reported by g about c); h: unknown.
    expect(suggestPeers('a', members, reports)).to.deep.equal([{ id: 'd', rtt: 15 }, { id: 'e', rtt: 50 }, { id: 'g', rtt: 54 }, { id: 'h' }]);
  });

  it('uses geo when both sides reported one, the two-hop bound otherwise', () => {
    const berlin = { lat: 52.5, lon: 13.4 };
    const madrid = { lat: 40.4, lon: -3.7 };
    const reports = reportsOf({
      a: { rtts: { b: 10 }, geo: berlin },
      b: { rtts: { a: 10, c: 1, d: 1 } },
      c: { rtts: {}, geo: madrid },
      d: { rtts: {} },
    });
    const km = distanceKm(berlin, madrid);
    expect(km).to.be.within(1840, 1900);
    expect(suggestPeers('a', ['a', 'b', 'c', 'd'], reports)).to.deep.equal([{ id: 'd', rtt: 11 }, { id: 'c', rtt: Math.round(km / 100 + 2) }]);
    expect(distanceKm(berlin, berlin)).to.equal(0);
  });

  it('ties break by id; count bounds the answer; known ones come before unknown ones', () => {
    const reports = reportsOf({ a: { rtts: { b: 1 } }, b: { rtts: { z: 2, y: 2, x: 9 } } });
    const members = ['a', 'b', 'x', 'y', 'z', 'u1', 'u2', 'u3'];
    expect(suggestPeers('a', members, reports, 2)).to.deep.equal([{ id: 'y', rtt: 3 }, { id: 'z', rtt: 3 }]);
    const all = suggestPeers('a', members, reports);
    expect(all.slice(0, 3).map((s) => s.id)).to.deep.equal(['y', 'z', 'x']);
    expect(all.slice(3).map((s) => s.id).sort()).to.deep.equal(['u1', 'u2', 'u3']);
    expect(all.slice(3).every((s) => !('rtt' in s))).to.equal(true);
    expect(suggestPeers('a', members, reports, 0)).to.deep.equal([]);
    expect(suggestPeers('a', members, reports, -3)).to.deep.equal([]);
    expect(suggestPeers('a', members, reports, NaN)).to.deep.equal([]);
  });

  it('fills with unknown peers stably per requester, at most maxSuggestions by default', () => {
    const members = Array.from({ length: 40 }, (_, i) => `peer-${i}`);
    const first = suggestPeers('peer-0', members, new Map());
    expect(first).to.have.length(REPORT_LIMITS.maxSuggestions);
    expect(suggestPeers('peer-0', [...members].reverse(), new Map())).to.deep.equal(first);
    expect(first.map((s) => s.id)).to.not.include('peer-0');
    // Different requesters are not all sent to the same few peers.
    const picked = new Set(members.flatMap((id) => suggestPeers(id, members, new Map()).map((s) => s.id)));
    expect(picked.size).to.be.greaterThan(REPORT_LIMITS.maxSuggestions * 2);
  });

  it('ids named like Object.prototype members are ordinary ids; estimates are capped', () => {
    const reports = reportsOf({
      a: parseLatencyReport({ rtts: { b: REPORT_LIMITS.maxRttMs } }),
      b: parseLatencyReport({ rtts: { constructor: REPORT_LIMITS.maxRttMs } }),
    });
    // "toString" is not a link of a although a's rtts would inherit it from an ordinary object.
    expect(suggestPeers('a', ['a', 'b', 'constructor', 'toString', 'hasOwnProperty'], reports, 1)).to.deep.equal([{ id: 'constructor', rtt: REPORT_LIMITS.maxRttMs }]);
    expect(suggestPeers('a', ['a', 'b', 'constructor', 'toString'], reportsOf({ a: { rtts: {} } })).map((s) => s.id).sort()).to.deep.equal(['b', 'constructor', 'toString']);
  });

  it('a requester without a report gets every other member, minus those linked to it', () => {
    const reports = reportsOf({ b: { rtts: { a: 4 } } });
    expect(suggestPeers('a', ['a', 'b', 'c', 'c'], reports)).to.deep.equal([{ id: 'c' }]);
    expect(suggestPeers('a', [], reports)).to.deep.equal([]);
  });
});

describe('parseSuggestions (a suggest frame from an untrusted server)', () => {
  it('keeps well-formed entries, drops the rest, and reads at most maxSuggestions', () => {
    expect(parseSuggestions([{ id: 'b', rtt: 3 }, { id: 'c' }])).to.deep.equal([{ id: 'b', rtt: 3 }, { id: 'c' }]);
    for (const value of [null, undefined, 'peers', 42, {}, { length: 3 }]) expect(parseSuggestions(value)).to.deep.equal([]);
    const hostile = [null, 'b', [], { id: 5 }, { id: '' }, { id: 'x'.repeat(129) }, { id: 'n', rtt: -1 }, { id: 'i', rtt: '3' }, { id: '__proto__' }, { id: 'me' }, { id: 'ok', rtt: 1 }, { id: 'ok', rtt: 2 }];
    expect(parseSuggestions(hostile.slice(0, 8))).to.deep.equal([]);
    expect(parseSuggestions(hostile.slice(8), 'me')).to.deep.equal([{ id: 'ok', rtt: 1 }]);
    const flood = Array.from({ length: 10_000 }, (_, i) => ({ id: `p${i}`, rtt: i }));
    expect(parseSuggestions(flood)).to.have.length(REPORT_LIMITS.maxSuggestions);
    expect(parseSuggestions([{ id: 'far', rtt: REPORT_LIMITS.maxRttMs + 1 }, { id: 'inf', rtt: Infinity }])).to.deep.equal([]);
  });
});
