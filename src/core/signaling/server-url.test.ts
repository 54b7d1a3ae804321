import { expect } from 'chai';
import { serverEndpoint } from './server-url.js';
import { SignalingError } from './transport.js';

describe('server URLs (one reading for every endpoint)', () => {
  for (const written of ['https://signal.example.org', 'https://signal.example.org/', 'wss://signal.example.org/ws', 'wss://signal.example.org/ws/', 'wss://signal.example.org', ' https://signal.example.org ']) {
    it(`${JSON.stringify(written)}: the socket, /ice and /link of the same server`, () => {
      expect(serverEndpoint(written, 'ws')).to.equal('wss://signal.example.org/ws');
      expect(serverEndpoint(written, 'ice')).to.equal('https://signal.example.org/ice');
      expect(serverEndpoint(written, 'link')).to.equal('https://signal.example.org/link');
    });
  }

  it('plain http and ws, with a port', () => {
    for (const written of ['http://127.0.0.1:8787', 'ws://127.0.0.1:8787/ws', 'http://127.0.0.1:8787/']) {
      expect(serverEndpoint(written, 'ws')).to.equal('ws://127.0.0.1:8787/ws');
      expect(serverEndpoint(written, 'ice')).to.equal('http://127.0.0.1:8787/ice');
    }
  });

  it('a server under a path prefix (behind a proxy) keeps it for every endpoint', () => {
    for (const written of ['https://example.org/peerkit', 'https://example.org/peerkit/', 'wss://example.org/peerkit/ws']) {
      expect(serverEndpoint(written, 'ws')).to.equal('wss://example.org/peerkit/ws');
      expect(serverEndpoint(written, 'ice')).to.equal('https://example.org/peerkit/ice');
    }
  });

  for (const [what, written] of [
    ['no URL', 'signal.example.org'],
    ['another scheme', 'ftp://signal.example.org'],
    ['a page scheme', 'javascript:alert(1)'],
  ] as const) {
    it(`refuses ${what} with SignalingError 499`, () => {
      try {
        serverEndpoint(written, 'ws');
        expect.fail(`accepted ${written}`);
      } catch (error) {
        expect(error).to.be.instanceOf(SignalingError);
        expect((error as SignalingError).code).to.equal(499);
      }
    });
  }
});
