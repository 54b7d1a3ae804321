/**
 * The demo, Storybook-like: "Get started" (your key, then a live room), one story per element built
 * from custom-elements.json (a live canvas, typed knobs for every attribute, the HTML that
 * reproduces it, every `peer-*` event it fires), a playground of two peers side by side, and a
 * theme toggle.
 */
import { Identity, memoryStore, prewarmKeyTools } from '../src/core/index.js';
import type { PeerIdentityElement, PeerRoomElement } from '../src/elements/index.js';
import '../src/elements/peer-identity/define.js';
import '../src/elements/peer-room/define.js';
import '../src/elements/peer-list/define.js';
import '../src/elements/peer-chat/define.js';
import manifest from '../custom-elements.json';

interface ManifestAttribute {
  name: string;
  type?: { text: string };
  default?: string;
  description?: string;
}
interface ManifestElement {
  tagName?: string;
  summary?: string;
  attributes?: ManifestAttribute[];
  events?: { name: string }[];
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const PEER_EVENTS = ['peer-join', 'peer-leave', 'peer-connection-change', 'peer-message', 'peer-send', 'peer-signal-rejected', 'peer-error', 'peer-status-change', 'peer-identity-change'] as const;
const elements = (manifest.modules as { declarations?: ManifestElement[] }[]).flatMap((module) => module.declarations ?? []).filter((element) => element.tagName);

function logInto(list: HTMLElement, type: string, detail: unknown): void {
  const entry = document.createElement('li');
  // Text only: whatever a peer sent is shown, never interpreted as HTML.
  entry.textContent = `${new Date().toLocaleTimeString()} ${type} ${JSON.stringify(detail)}`;
  list.prepend(entry);
  while (list.children.length > 50) list.lastElementChild!.remove();
}

// ------------------------------------------------------------------------------ get started

const identityPanel = document.querySelector('peer-identity') as PeerIdentityElement;
let room: PeerRoomElement | undefined;

/** Served by `peerkit serve` the signaling server is this origin; `?local` meets tabs over BroadcastChannel instead. */
function showRoom(): void {
  const identity = identityPanel.identity;
  room?.remove();
  room = undefined;
  $('room-section').hidden = !identity;
  if (!identity) return;
  room = document.createElement('peer-room');
  room.identity = identity;
  room.id = 'demo-room';
  room.setAttribute('ns', 'peerkit-demo');
  room.setAttribute('room', 'lobby');
  if (!new URLSearchParams(location.search).has('local')) room.setAttribute('server', location.origin);
  room.append(document.createElement('peer-list'), document.createElement('peer-chat'));
  for (const type of PEER_EVENTS) room.addEventListener(type, (event) => logInto($('event-log'), type, (event as CustomEvent).detail));
  $('room-host').append(room);
}
identityPanel.addEventListener('peer-identity-change', showRoom);

// ---------------------------------------------------------------------------------- stories

/** Component stories meet over BroadcastChannel with a throwaway key, apart from "Get started". */
let storyIdentity: Promise<Identity> | undefined;
const storyKey = () => (storyIdentity ??= Identity.create({ name: 'Story', store: memoryStore() }));

/** String-literal members of a union, e.g. `'mesh' | 'pair'`: such attributes get a select. */
function literals(typeText = ''): string[] {
  const parts = typeText.split('|').map((part) => part.trim());
  return parts.every((part) => /^'[^']*'$/.test(part)) ? parts.map((part) => part.slice(1, -1)) : [];
}

/** The story's element and, for elements that show a room, the `<peer-room>` it sits in. */
function canvasFor(tag: string): { root: HTMLElement; subject: HTMLElement } {
  const subject = document.createElement(tag);
  if (tag === 'peer-identity') {
    (subject as PeerIdentityElement).store = memoryStore();
    return { root: subject, subject };
  }
  const storyRoom = tag === 'peer-room' ? (subject as PeerRoomElement) : document.createElement('peer-room');
  storyRoom.setAttribute('ns', 'peerkit-demo-stories');
  if (tag !== 'peer-room') {
    storyRoom.setAttribute('no-status', '');
    storyRoom.append(subject);
  } else {
    storyRoom.append(document.createElement('peer-list'));
  }
  return { root: storyRoom, subject };
}

function snippetOf(tag: string, subject: HTMLElement): string {
  const attributes = [...subject.attributes]
    .map((attribute) => (attribute.value === '' ? ` ${attribute.name}` : ` ${attribute.name}="${attribute.value.replace(/"/g, '&quot;')}"`))
    .join('');
  const own = `<${tag}${attributes}></${tag}>`;
  return tag === 'peer-room' || tag === 'peer-identity' ? own : `<peer-room ns="peerkit-demo-stories" no-status>\n  ${own}\n</peer-room>`;
}

function knob(attribute: ManifestAttribute, subject: HTMLElement, changed: () => void): HTMLElement {
  const label = document.createElement('label');
  label.title = attribute.description ?? '';
  label.append(attribute.name);
  const type = attribute.type?.text ?? 'string';
  const choices = literals(type);
  let control: HTMLInputElement | HTMLSelectElement;
  if (type === 'boolean') {
    control = Object.assign(document.createElement('input'), { type: 'checkbox', checked: subject.hasAttribute(attribute.name) });
    control.addEventListener('change', () => subject.toggleAttribute(attribute.name, (control as HTMLInputElement).checked));
  } else if (choices.length > 0) {
    control = document.createElement('select');
    for (const value of ['', ...choices]) control.append(new Option(value || '(default)', value));
    control.value = subject.getAttribute(attribute.name) ?? '';
    control.addEventListener('change', () => (control.value ? subject.setAttribute(attribute.name, control.value) : subject.removeAttribute(attribute.name)));
  } else {
    control = Object.assign(document.createElement('input'), { type: 'text', value: subject.getAttribute(attribute.name) ?? '', placeholder: attribute.default ?? '' });
    control.addEventListener('change', () => (control.value ? subject.setAttribute(attribute.name, control.value) : subject.removeAttribute(attribute.name)));
  }
  control.name = attribute.name;
  control.addEventListener('change', changed);
  label.append(control);
  return label;
}

async function showComponent(element: ManifestElement): Promise<void> {
  const tag = element.tagName!;
  $('component-title').textContent = `<${tag}>`;
  $('component-summary').textContent = element.summary ?? '';
  const canvas = $('canvas');
  const events = $('component-events');
  canvas.replaceChildren();
  events.replaceChildren();
  const { root, subject } = canvasFor(tag);
  const storyRoom = root.tagName === 'PEER-ROOM' ? (root as PeerRoomElement) : undefined;
  if (storyRoom) storyRoom.identity = await storyKey();
  for (const type of PEER_EVENTS) root.addEventListener(type, (event) => logInto(events, type, (event as CustomEvent).detail));
  canvas.append(root);
  const snippet = () => ($('snippet').textContent = snippetOf(tag, subject));
  const knobs = $('knobs');
  knobs.replaceChildren(...(element.attributes ?? []).map((attribute) => knob(attribute, subject, snippet)));
  snippet();
}

$('copy-snippet').addEventListener('click', () => void navigator.clipboard?.writeText($('snippet').textContent ?? ''));

// ------------------------------------------------------------------------- navigation, theme

for (const element of elements) {
  const item = document.createElement('li');
  const anchor = document.createElement('a');
  anchor.href = `#${element.tagName}`;
  anchor.textContent = `<${element.tagName}>`;
  item.append(anchor);
  $('stories').insertBefore(item, $('stories').lastElementChild);
}

function route(): void {
  const id = location.hash.slice(1) || 'get-started';
  const element = elements.find((candidate) => candidate.tagName === id);
  for (const story of document.querySelectorAll<HTMLElement>('[data-story]')) story.hidden = story.id !== (element ? 'component' : id);
  for (const anchor of document.querySelectorAll<HTMLAnchorElement>('#stories a')) {
    if (anchor.hash === `#${id}`) anchor.setAttribute('aria-current', 'page');
    else anchor.removeAttribute('aria-current');
  }
  if (element) void showComponent(element);
  // Playground peers start only when shown: each makes a key and opens WebRTC links.
  for (const frame of document.querySelectorAll<HTMLIFrameElement>('#playground iframe')) {
    if (id === 'playground' && !frame.src) frame.src = frame.dataset.src!;
  }
}
window.addEventListener('hashchange', route);
route();

const themes = ['system', 'light', 'dark'] as const;
let theme = 0;
/** A theme on the root themes every element on the page, the stories made later included; `auto` follows the system. */
function applyTheme(chosen: (typeof themes)[number]): void {
  document.documentElement.style.colorScheme = chosen === 'system' ? '' : chosen;
  document.documentElement.setAttribute('theme', chosen === 'system' ? 'auto' : chosen);
}
applyTheme(themes[theme]!);
$('theme-toggle').addEventListener('click', () => {
  theme = (theme + 1) % themes.length;
  const chosen = themes[theme]!;
  $('theme-toggle').textContent = `Theme: ${chosen}`;
  applyTheme(chosen);
});

// Fetch and warm kbpgp while the user reads the page, so "Create key" answers quickly.
void prewarmKeyTools();
