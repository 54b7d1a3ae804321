import { expect } from 'chai';
import { serverCommand } from '../../../test/support/server-commands.js';
import { iceServersFrom } from './ice.js';
import { SignalingError } from './transport.js';

/** A fetch that answers every request with `body` and counts the requests. */
function fakeFetch(body: unknown, status = 200): { fetch: typeof fetch; calls: () => number } {
  let calls = 0;
  return {
    fetch: (async () => {
      calls++;
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch,
    calls: () => calls,
  };
}

describe('iceServersFrom (GET /ice)', () => {
  it('reads the ICE servers of the real server (none configured: an empty list)', async () => {
    const url = await serverCommand<string>('signaling-url');
    expect(await iceServersFrom(url)()).to.deep.equal([]);
  });

  it('reuses a list without credentials, and refreshes TURN credentials at half their life', async () => {
    const plain = fakeFetch({ iceServers: [{ urls: 'stun:stun.example.org' }] });
    const provider = iceServersFrom('http://127.0.0.1:1', { fetch: plain.fetch });
    await provider();
    await provider();
    expect(plain.calls()).to.equal(1);

    // A ttl of 0.002 s: expired (at half life) by the next call.
    const turn = fakeFetch({ iceServers: [{ urls: ['turn:turn.example.org'], username: '1:x', credential: 'c' }], ttl: 0.002 });
    const refreshing = iceServersFrom('http://127.0.0.1:1', { fetch: turn.fetch });
    await refreshing();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await refreshing();
    expect(turn.calls()).to.equal(2);
  });

  for (const [what, body, status] of [
    ['a non-list', { iceServers: 'stun:x' }, 200],
    ['a server with a foreign scheme', { iceServers: [{ urls: 'http://evil.example.org' }] }, 200],
    ['a non-string credential', { iceServers: [{ urls: 'turn:x', credential: 5 }] }, 200],
    ['too many servers', { iceServers: Array.from({ length: 17 }, () => ({ urls: 'stun:x' })) }, 200],
    ['an HTTP error', { error: 'nope' }, 500],
  ] as const) {
    it(`refuses ${what}, and asks again next time`, async () => {
      const hostile = fakeFetch(body, status);
      const provider = iceServersFrom('http://127.0.0.1:1', { fetch: hostile.fetch });
      for (let attempt = 1; attempt <= 2; attempt++) {
        try {
          await provider();
          expect.fail('accepted a bad /ice answer');
        } catch (error) {
          expect(error).to.be.instanceOf(SignalingError);
        }
        expect(hostile.calls()).to.equal(attempt);
      }
    });
  }
});
