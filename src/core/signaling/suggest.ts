/**
 * Latency reports and peer suggestions, for best-latency rotation in large rooms: each peer
 * reports the round-trip times to the peers it is linked to (and, if it wants, a coarse
 * position); whoever holds the room's reports (the signaling server, or the in-memory network)
 * suggests unlinked members likely to be closer. Pure: no DOM, no Node APIs, so the browser and
 * the server share one validation and one estimate.
 *
 * Everything here reads untrusted input: a report arrives in a client's frame, suggestions in a
 * server's frame. Peer ids are only ever looked up as own properties of null-prototype objects, so
 * an id like "constructor" is just an id.
 */

export interface CoarseLocation {
  readonly lat: number;
  readonly lon: number;
}

export interface LatencyReport {
  /** Measured RTT in ms, by linked peer id. */
  readonly rtts: Readonly<Record<string, number>>;
  readonly geo?: CoarseLocation;
}

export interface PeerSuggestion {
  readonly id: string;
  /** estimated RTT ms; absent when nothing is known */
  readonly rtt?: number;
}

export const REPORT_LIMITS = { maxEntries: 64, maxRttMs: 60_000, maxSuggestions: 8 } as const;

/** The longest peer id a report may name: the server's limit on ids (FIELD_LIMITS.id). */
export const MAX_PEER_ID_LENGTH = 128;

export type ReportErrorCode = 'malformed' | 'too-many' | 'out-of-range';

export class ReportError extends Error {
  override readonly name = 'ReportError';
  constructor(
    readonly code: ReportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPeerId(value: unknown): value is string {
  // "__proto__" can never be a fingerprint, and it is the one key that turns into a prototype
  // change wherever a report is copied into an ordinary object (spread, Object.assign).
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_PEER_ID_LENGTH && value !== '__proto__';
}

function checkRtt(value: unknown, what: string): number {
  if (typeof value !== 'number') throw new ReportError('malformed', `${what} must be a number`);
  if (!Number.isFinite(value) || value < 0 || value > REPORT_LIMITS.maxRttMs) throw new ReportError('out-of-range', `${what} must be 0–${REPORT_LIMITS.maxRttMs} ms`);
  return value;
}

/** One decimal degree is ~11 km: coarse on purpose. -0 becomes 0 so equal places compare equal. */
const coarse = (degrees: number): number => Math.round(degrees * 10) / 10 + 0;

function parseGeo(value: unknown): CoarseLocation {
  if (!isPlainObject(value)) throw new ReportError('malformed', '"geo" must be an object {lat, lon}');
  const { lat, lon } = value;
  if (typeof lat !== 'number' || typeof lon !== 'number') throw new ReportError('malformed', '"geo" needs numeric "lat" and "lon"');
  if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) throw new ReportError('out-of-range', '"geo" must have lat in −90…90 and lon in −180…180');
  return { lat: coarse(lat), lon: coarse(lon) };
}

/**
 * Validates untrusted input (a frame field); throws ReportError with a code ('malformed'|'too-many'|'out-of-range').
 * Reads `rtts` and `geo` of `value` and ignores anything else (so a whole `report` frame will do).
 * Rounds geo to 1 decimal (~10 km): coarse on purpose, never keep precise positions.
 */
export function parseLatencyReport(value: unknown): LatencyReport {
  if (!isPlainObject(value)) throw new ReportError('malformed', 'a report must be an object');
  const rtts = value.rtts;
  if (!isPlainObject(rtts)) throw new ReportError('malformed', '"rtts" must be an object of peer id → ms');
  const ids = Object.keys(rtts);
  if (ids.length > REPORT_LIMITS.maxEntries) throw new ReportError('too-many', `"rtts" names ${ids.length} peers (at most ${REPORT_LIMITS.maxEntries})`);
  const parsed = Object.create(null) as Record<string, number>;
  for (const id of ids) {
    if (!isPeerId(id)) throw new ReportError('malformed', `"rtts" keys must be peer ids of 1–${MAX_PEER_ID_LENGTH} characters`);
    parsed[id] = checkRtt(rtts[id], `"rtts" of ${id.slice(0, 16)}`);
  }
  if (value.geo === undefined) return { rtts: parsed };
  return { rtts: parsed, geo: parseGeo(value.geo) };
}

/** The reported RTT from `report`'s author to `id`, if any. */
function rttIn(report: LatencyReport | undefined, id: string): number | undefined {
  return report && hasOwn(report.rtts, id) ? report.rtts[id] : undefined;
}

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance (haversine). */
export function distanceKm(a: CoarseLocation, b: CoarseLocation): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Light in fibre covers ~200 km per ms one way: ~100 km per ms of round trip; +2 ms for the ends. */
function geoEstimate(a: CoarseLocation, b: CoarseLocation): number {
  return distanceKm(a, b) / 100 + 2;
}

/** 32-bit FNV-1a: a cheap, stable spread, not a security measure. */
function spread(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * Unlinked members of the room likely to be closest to `requester`, best first.
 *
 * Candidates are the members other than the requester and the peers its own report names (its
 * links); a member whose report names the requester is linked to it too, and is skipped. An
 * estimate is the geo distance when both sides reported a position, otherwise the best two-hop
 * bound through one of the requester's links, rtt(requester, b) + rtt(b, c), with rtt(b, c) from
 * either side's report. Estimates are whole ms, capped at REPORT_LIMITS.maxRttMs. Candidates
 * with an estimate come first (ascending, ties by id); unknown ones fill up to `count`, in an
 * order that is stable per requester but differs between requesters, so a large room does not
 * send everyone to the same few peers.
 */
export function suggestPeers(requester: string, members: readonly string[], reports: ReadonlyMap<string, LatencyReport>, count: number = REPORT_LIMITS.maxSuggestions): PeerSuggestion[] {
  const wanted = Number.isFinite(count) ? Math.max(0, Math.floor(count)) : 0;
  if (wanted === 0) return [];
  const own = reports.get(requester);
  const links = own ? Object.keys(own.rtts).filter((id) => id !== requester) : [];
  const known: { id: string; rtt: number }[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const candidate of members) {
    if (candidate === requester || seen.has(candidate) || (own && hasOwn(own.rtts, candidate))) continue;
    seen.add(candidate);
    const theirs = reports.get(candidate);
    if (rttIn(theirs, requester) !== undefined) continue;
    let estimate: number | undefined;
    if (own?.geo && theirs?.geo) {
      estimate = geoEstimate(own.geo, theirs.geo);
    } else {
      for (const via of links) {
        const hop = rttIn(reports.get(via), candidate) ?? rttIn(reports.get(candidate), via);
        if (hop === undefined) continue;
        const total = own!.rtts[via]! + hop;
        if (estimate === undefined || total < estimate) estimate = total;
      }
    }
    if (estimate === undefined) unknown.push(candidate);
    else known.push({ id: candidate, rtt: Math.min(REPORT_LIMITS.maxRttMs, Math.round(estimate)) });
  }
  known.sort((a, b) => a.rtt - b.rtt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const suggestions: PeerSuggestion[] = known.slice(0, wanted);
  if (suggestions.length < wanted) {
    const order = new Map(unknown.map((id) => [id, spread(`${requester}\n${id}`)]));
    unknown.sort((a, b) => order.get(a)! - order.get(b)! || (a < b ? -1 : 1));
    for (const id of unknown.slice(0, wanted - suggestions.length)) suggestions.push({ id });
  }
  return suggestions;
}

/**
 * The `peers` of a `suggest` frame from an untrusted server: at most REPORT_LIMITS.maxSuggestions
 * entries are read, malformed ones, duplicates and `self` are dropped. Never throws.
 */
export function parseSuggestions(value: unknown, self?: string): PeerSuggestion[] {
  if (!Array.isArray(value)) return [];
  const peers: PeerSuggestion[] = [];
  const seen = new Set<string>();
  for (const entry of value.slice(0, REPORT_LIMITS.maxSuggestions) as unknown[]) {
    if (!isPlainObject(entry) || !isPeerId(entry.id) || entry.id === self || seen.has(entry.id)) continue;
    const rtt = entry.rtt;
    if (rtt !== undefined && (typeof rtt !== 'number' || !Number.isFinite(rtt) || rtt < 0 || rtt > REPORT_LIMITS.maxRttMs)) continue;
    seen.add(entry.id);
    peers.push(rtt === undefined ? { id: entry.id } : { id: entry.id, rtt });
  }
  return peers;
}
