/** simple-peer loads on demand (WebRTC is not needed to render anything), after the Node globals it expects. */
import type SimplePeerModule from 'simple-peer';

export type SimplePeerConstructor = typeof SimplePeerModule;
export type SimplePeerInstance = InstanceType<SimplePeerConstructor>;

let loading: Promise<SimplePeerConstructor> | undefined;

export function loadSimplePeer(): Promise<SimplePeerConstructor> {
  loading ??= import('./node-shims/globals.js')
    .then(() => import('simple-peer'))
    .then((module) => ((module as { default?: SimplePeerConstructor }).default ?? (module as unknown as SimplePeerConstructor)));
  return loading;
}
