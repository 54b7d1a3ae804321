/**
 * How fingerprints are shown to people: short or grouped. What two people compare to verify a key
 * is the safety number (`core/safety-number.ts`), which a forger cannot match by making keys.
 */

/** The first 8 hex digits, in two groups: enough to tell peers apart at a glance. */
export function shortFingerprint(id: string): string {
  return `${id.slice(0, 4)} ${id.slice(4, 8)}`.toUpperCase();
}

/** The fingerprint in groups of four, as GnuPG prints it, so people can read it to each other. */
export function groupedFingerprint(fingerprint: string): string {
  return fingerprint.toUpperCase().replace(/(.{4})(?!$)/g, '$1 ');
}
