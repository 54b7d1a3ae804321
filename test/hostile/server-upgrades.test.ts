// Attacks on the signaling server's per-address socket count: refused upgrades must not use it up,
// and behind a proxy every client must count as itself (--trust-proxy), but only when told so.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { before, describe, test } from 'node:test';
import type { Identity } from '../../src/core/identity/identity.js';
import { clientAddress } from '../../src/server/client-address.js';
import { identityNamed } from '../support/identities.js';
import { joinAs } from '../support/identities-node.js';
import { withServer } from '../support/server-harness.js';
import { TestClient } from '../support/ws-client.js';

const ns = 'hostile-upgrades';
let alice: Identity;

before(async () => {
  alice = await identityNamed('Alice');
});

/** A raw `GET /ws` upgrade without `Sec-WebSocket-Key`: ws refuses it. Resolves with the status line, once the socket closed. */
function upgradeWithoutKey(serverUrl: string): Promise<string> {
  const { port } = new URL(serverUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.write(`GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  });
}

const from = (forwardedFor: string) => ({ headers: { 'x-forwarded-for': forwardedFor } });

describe('refused WebSocket upgrades', () => {
  test('more bad upgrades than maxSocketsPerIp do not lock the address out: an honest client still connects and joins', async () => {
    await withServer({ limits: { maxSocketsPerIp: 3 } }, async (server) => {
      const refusals: string[] = [];
      for (let i = 0; i < 10; i++) refusals.push(await upgradeWithoutKey(server.url));
      const honest = await Promise.all([TestClient.connect(server.url), TestClient.connect(server.url), TestClient.connect(server.url)]);
      assert.deepEqual((await joinAs(honest[0]!, alice, ns, 'after-bad-upgrades')).ids, []);
      // Every bad upgrade was refused by ws for what it is, none by the limit.
      assert.deepEqual(new Set(refusals.map((line) => line.split(' ')[1])), new Set(['400']));
      // The limit itself still holds, for sockets that really opened.
      await assert.rejects(TestClient.connect(server.url), /429/);
      await Promise.all(honest.map((client) => client.close()));
    });
  });
});

describe('--trust-proxy', () => {
  test('with trustProxy, clients behind the proxy are limited each by its own address (the last X-Forwarded-For hop)', async () => {
    await withServer({ trustProxy: true, limits: { maxSocketsPerIp: 2 } }, async (server) => {
      const first = await Promise.all([TestClient.connect(server.url, from('198.51.100.7')), TestClient.connect(server.url, from('198.51.100.7'))]);
      // A client writing its own X-Forwarded-For gets it prefixed: only the proxy's last hop counts.
      await assert.rejects(TestClient.connect(server.url, from('203.0.113.1, 198.51.100.7')), /429/);
      const other = await TestClient.connect(server.url, from('198.51.100.8'));
      assert.deepEqual((await joinAs(other, alice, ns, 'behind-proxy')).ids, []);
      await Promise.all([...first, other].map((client) => client.close()));
    });
  });

  test('with trustProxy, IPv6 clients in one /64 share one limit; another /64 is another client', async () => {
    await withServer({ trustProxy: true, limits: { maxSocketsPerIp: 2 } }, async (server) => {
      const same = await Promise.all([TestClient.connect(server.url, from('2001:db8:1:2::a')), TestClient.connect(server.url, from('2001:db8:1:2:ffff::b'))]);
      await assert.rejects(TestClient.connect(server.url, from('2001:db8:1:2:0:0:0:c')), /429/);
      const other = await TestClient.connect(server.url, from('2001:db8:1:3::a'));
      await Promise.all([...same, other].map((client) => client.close()));
    });
  });

  test('without trustProxy, a forged X-Forwarded-For is ignored: the socket address counts', async () => {
    await withServer({ limits: { maxSocketsPerIp: 2 } }, async (server) => {
      const first = await Promise.all([TestClient.connect(server.url, from('198.51.100.1')), TestClient.connect(server.url, from('198.51.100.2'))]);
      await assert.rejects(TestClient.connect(server.url, from('198.51.100.3')), /429/);
      await Promise.all(first.map((client) => client.close()));
    });
  });

  test('clientAddress: which address a limit counts', () => {
    const request = (remoteAddress: string | undefined, forwardedFor?: string) => ({ socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } });
    assert.equal(clientAddress(request('127.0.0.1', '198.51.100.1'), false), '127.0.0.1', 'header ignored unless trusted');
    assert.equal(clientAddress(request('127.0.0.1', '10.0.0.1, 198.51.100.1'), true), '198.51.100.1', 'the last hop');
    assert.equal(clientAddress(request('127.0.0.1', ' 198.51.100.1 '), true), '198.51.100.1');
    assert.equal(clientAddress(request('127.0.0.1'), true), '127.0.0.1', 'no header: the socket address');
    assert.equal(clientAddress(request('127.0.0.1', 'unknown'), true), '127.0.0.1', 'not an address: the socket address');
    assert.equal(clientAddress(request('127.0.0.1', '198.51.100.1, '), true), '127.0.0.1', 'an empty last hop is not an address');
    assert.equal(clientAddress(request('::ffff:192.0.2.5'), false), '192.0.2.5', 'IPv4-mapped IPv6 is the IPv4 address');
    assert.equal(clientAddress(request('2001:db8::1'), false), '2001:db8:0:0::/64');
    assert.equal(clientAddress(request('fe80::1%eth0'), false), 'fe80:0:0:0::/64', 'zone ids dropped');
    assert.equal(clientAddress(request('::1'), false), '0:0:0:0::/64');
    assert.equal(clientAddress(request('64:ff9b::192.0.2.5'), false), '64:ff9b:0:0::/64', 'an embedded IPv4 tail');
    assert.equal(clientAddress(request(undefined), false), 'unknown');
  });
});
