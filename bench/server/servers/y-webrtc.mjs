// y-webrtc's signaling server (its bin/server.js, not in its package exports), bound to
// loopback by the preload. It gives no "listening" signal, so readiness is a successful connect.
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

process.env.PORT ??= '4444';
await import(new URL('../../../node_modules/y-webrtc/bin/server.js', import.meta.url).href);
process.on('SIGTERM', () => process.exit(0));
const accepts = () =>
  new Promise((resolve) => {
    const socket = connect(Number(process.env.PORT), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
for (let attempt = 0; attempt < 100 && !(await accepts()); attempt++) await sleep(20);
console.log('ready');
