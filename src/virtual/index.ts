/** peerkit/virtual: a Node peer that keeps a room's recent history (`peerkit virtual`), and its file store. */
export { startVirtualClient, VirtualClientError } from './virtual-client.js';
export type { AttachmentKeeper, AttachmentKeeperContext, VirtualClient, VirtualClientErrorCode, VirtualClientOptions } from './virtual-client.js';
export { DiskStore, DiskStoreError } from './disk-store.js';
export type { DiskStoreErrorCode, DiskStoreOptions } from './disk-store.js';
export { keepAttachments } from './attachment-keeper.js';
export type { KeepAttachmentsOptions } from './attachment-keeper.js';
