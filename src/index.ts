/** peerkit: the elements (not defined; import `peerkit/define/<tag>` for that) and the core. */
export * from './core/index.js';
export * from './elements/index.js';
