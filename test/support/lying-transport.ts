/** What a lying signaling server can do to one client: hand over a "signal" from anyone, member or not. */
import { MemoryTransport } from '../../src/core/signaling/memory.js';
import type { RoomAddress } from '../../src/core/signaling/transport.js';

export class LyingTransport extends MemoryTransport {
  forgeSignal(address: RoomAddress, from: string, env: string): void {
    this.emit('signal', { ...address, from, env });
  }
}
