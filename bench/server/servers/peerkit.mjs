// peerkit's server from the build (dist), with join proofs and limits on; rates raised to the
// load: every benchmark client shares one IP, which the per-IP default would throttle.
import { createServer } from '../../../dist/npm/server/index.js';

const server = await createServer({
  port: Number(process.env.PORT),
  host: '127.0.0.1',
  logLevel: 'silent',
  limits: { socketRate: 5000, socketBurst: 5000, ipRate: 1_000_000, ipBurst: 1_000_000, maxSocketsPerIp: 5000 },
});
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
console.log('ready');
