// PeerJS's server (`peer` on npm) with its defaults, on loopback.
import { PeerServer } from 'peer';

const server = PeerServer({ port: Number(process.env.PORT), host: '127.0.0.1', path: '/', concurrent_limit: 100_000 }, () => console.log('ready'));
process.on('SIGTERM', () => process.exit(0));
void server;
