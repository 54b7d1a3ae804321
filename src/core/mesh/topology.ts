/**
 * The shape of a partial mesh. Every peer orders the room's ids the same way; each links to the
 * one before and the one after it (a ring, wrapping around). The ring is the connectivity floor:
 * it keeps the graph connected whatever else happens, so it is never rotated away. On top of it
 * each peer picks a few chords (random, or the server's low-latency suggestions), which keep the
 * number of hops a message needs small.
 */

/** This peer's ring neighbours among `members` (which need not include it). */
export function ringNeighbors(self: string, members: Iterable<string>): Set<string> {
  const ids = [...new Set([...members, self])].sort();
  if (ids.length < 2) return new Set();
  const at = ids.indexOf(self);
  return new Set([ids[(at + 1) % ids.length]!, ids[(at + ids.length - 1) % ids.length]!].filter((id) => id !== self));
}

/** Chords a peer picks itself; about as many arrive from others, filling it up to `maxLinks`. */
export function chordTarget(maxLinks: number): number {
  return Math.max(0, Math.ceil((maxLinks - 2) / 2));
}

/** Below this, rooms are a full mesh: every peer links to every other. */
export function isPartialMesh(otherMembers: number, maxLinks: number): boolean {
  return otherMembers > maxLinks;
}
