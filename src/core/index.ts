/** peerkit/core: framework-free building blocks. No lit, no DOM rendering. */
export { Identity, IdentityError } from './identity.js';
export type { CreateIdentityOptions, LoadIdentityOptions, ImportIdentityOptions, ExportPrivateKeyOptions, IdentityErrorCode } from './identity.js';
export { Keyring } from './keyring.js';
export type { KnownPeer, PeerKind, KeyChangedDetail, KeyringOptions, KeyringEventMap } from './keyring.js';
export { seal, sealBinary, open, armorPublicKey, EnvelopeError, DEFAULT_ENVELOPE_LIMITS, ENVELOPE_VERSION } from './envelope.js';
export type { EnvelopeErrorCode, EnvelopeLimits, EnvelopeSigner, SealInput, EnvelopeContent, OpenedEnvelope, OpenOptions } from './envelope.js';
export { ReplayGuard } from './replay-guard.js';
export type { TrustPolicy, TrustLevel, TrustRefusal, KeyDirectory } from './trust.js';
export { readPublicKey } from './openpgp/key.js';
export type { PublicKeyInfo } from './openpgp/key.js';
export { prewarmKeyTools } from './key-tools-client.js';
export { browserStore, memoryStore } from './storage.js';
export type { KeyValueStore } from './storage.js';
