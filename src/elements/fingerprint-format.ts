/** How fingerprints are shown to people: short, grouped, or as a code to compare aloud. */

/** The first 8 hex digits, in two groups: enough to tell peers apart at a glance. */
export function shortFingerprint(id: string): string {
  return `${id.slice(0, 4)} ${id.slice(4, 8)}`.toUpperCase();
}

/** The fingerprint in groups of four, as GnuPG prints it, so people can read it to each other. */
export function groupedFingerprint(fingerprint: string): string {
  return fingerprint.toUpperCase().replace(/(.{4})(?!$)/g, '$1 ');
}

/**
 * Six digits from the fingerprint, for a quick check aloud or side by side ("is yours 482 913?").
 * It tells keys apart by chance 1 in a million: enough to catch a mix-up, not to stop a forger
 * who can make keys at will — the full fingerprint does that.
 */
export function comparisonCode(fingerprint: string): string {
  const value = Number.parseInt(fingerprint.slice(0, 12), 16) % 1_000_000;
  const digits = value.toString().padStart(6, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}
