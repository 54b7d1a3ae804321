/**
 * What the live stories share: the peerkit server serving this page (when `npm start` does), keys
 * kept in memory, the `peer-*` events every element fires (for the Actions panel), and a room with
 * its list and chat.
 */
import { html, type TemplateResult } from 'lit';
import manifest from '../custom-elements.json' with { type: 'json' };
import { Identity } from '../src/core/identity/identity.js';
import { memoryStore } from '../src/core/platform/storage.js';

/**
 * This page's origin when a peerkit server serves it (`npm start`), else undefined: `npm run
 * storybook` is Vite's dev server, and rooms then meet the other tabs of this browser over
 * BroadcastChannel. The server answers `/healthz` with JSON; Vite answers with its page.
 */
export async function serverOfThisPage(): Promise<string | undefined> {
  try {
    const response = await fetch(new URL('/healthz', location.href));
    if (!response.ok || !response.headers.get('content-type')?.includes('application/json')) return undefined;
    const health = (await response.json()) as { status?: string };
    return health.status === 'ok' ? location.origin : undefined;
  } catch {
    return undefined;
  }
}

/** A new key named `name`, kept in memory: a story never touches this browser's stored key. */
export function keyInMemory(name: string): Promise<Identity> {
  return Identity.create({ name, store: memoryStore() });
}

interface ManifestDeclaration {
  readonly tagName?: string;
  readonly events?: readonly { readonly name: string }[];
}

/** Every event the elements fire, from custom-elements.json: the Actions panel logs them (`parameters.actions.handles`). */
export const PEER_EVENTS: readonly string[] = [
  ...new Set((manifest.modules as { declarations?: ManifestDeclaration[] }[]).flatMap((module) => module.declarations ?? []).flatMap((declaration) => (declaration.tagName ? (declaration.events ?? []).map((event) => event.name) : []))),
].sort();

/** A list beside a chat, as a room usually shows them; on a narrow screen the chat goes below the list. */
export function listAndChat(chatHeight = '26rem'): TemplateResult {
  return html`<div style="display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start">
    <peer-list style="flex: 1 1 14rem; min-inline-size: 0"></peer-list>
    <div style="flex: 2 1 18rem; min-inline-size: 0; display: flex; block-size: ${chatHeight}"><peer-chat></peer-chat></div>
  </div>`;
}
