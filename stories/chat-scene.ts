/**
 * A conversation that happens as you watch, with the real core: two rooms in this page (you and
 * Ann, who is played by the story), meeting over BroadcastChannel in a room of their own. Ann
 * shares a photo and writes; you answer; Ann reacts to your answer and starts typing. What
 * `<peer-chat>` shows of it (an image, a reaction chip, "Ann is typing…", delivery and seen-by) is
 * what it shows in a real room, because it is one.
 */
import { html, type TemplateResult } from 'lit';
import type { Identity } from '../src/core/identity/identity.js';
import { memoryStore } from '../src/core/platform/storage.js';
import type { PeerChatElement } from '../src/elements/peer-chat/peer-chat.js';
import type { PeerRoomElement } from '../src/elements/peer-room/peer-room.js';
import { keyInMemory } from './live.js';

export interface SceneKeys {
  readonly you: Identity;
  readonly ann: Identity;
}

/** Keys for the scene, made in memory (Storybook `loaders`). */
export async function sceneKeys(): Promise<SceneKeys> {
  const [you, ann] = await Promise.all([keyInMemory('Sam Rivera'), keyInMemory('Ann Okafor')]);
  return { you, ann };
}

/** Resolves once `holds()` is true, checking after each change under `root` (a chat's shadow root); rejects once `alive()` is false. */
function when(root: Node, holds: () => boolean, alive: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (holds()) resolve();
      else if (!alive()) reject(new Error('the story was closed'));
      else return false;
      observer.disconnect();
      clearInterval(liveness);
      return true;
    };
    const observer = new MutationObserver(() => check());
    // A closed story changes nothing more: look now and then whether it is still on the page.
    const liveness = setInterval(() => check(), 1000);
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    check();
  });
}

/** A photo to share: a drawn landscape (PNG), so the scene needs no file from anywhere. */
async function photo(): Promise<File> {
  const canvas = new OffscreenCanvas(480, 320);
  const draw = canvas.getContext('2d')!;
  const sky = draw.createLinearGradient(0, 0, 0, 320);
  sky.addColorStop(0, '#7cb7f2');
  sky.addColorStop(1, '#f6d7a7');
  draw.fillStyle = sky;
  draw.fillRect(0, 0, 480, 320);
  draw.fillStyle = '#f9c74f';
  draw.beginPath();
  draw.arc(360, 90, 40, 0, Math.PI * 2);
  draw.fill();
  draw.fillStyle = '#4d7c5b';
  draw.beginPath();
  draw.moveTo(0, 320);
  draw.lineTo(140, 150);
  draw.lineTo(260, 320);
  draw.moveTo(160, 320);
  draw.lineTo(320, 180);
  draw.lineTo(480, 320);
  draw.fill();
  return new File([await canvas.convertToBlob({ type: 'image/png' })], 'workshop.png', { type: 'image/png' });
}

/** Resolves once `room` has a connected link (it announces each change with `peer-connection-change`). */
function linked(room: PeerRoomElement): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!room.peers.some((peer) => peer.state === 'connected')) return;
      room.removeEventListener('peer-connection-change', check);
      resolve();
    };
    room.addEventListener('peer-connection-change', check);
    check();
  });
}

const shadowOf = (chat: PeerChatElement) => chat.shadowRoot!;
const messageWith = (chat: PeerChatElement, text: string) => [...shadowOf(chat).querySelectorAll('article')].find((article) => article.textContent?.includes(text));

/** Plays Ann's part once both rooms are linked; stops quietly when the story is closed. */
async function play(you: PeerChatElement, ann: PeerChatElement): Promise<void> {
  const alive = () => you.isConnected && ann.isConnected;
  await linked(you.closest('peer-room')!);
  await ann.sendFiles([await photo()], 'Photos from the workshop are in!');
  await ann.send('The whiteboard one came out best.');
  await when(shadowOf(you), () => messageWith(you, 'whiteboard') !== undefined, alive);
  await you.send('They look great, thank you for taking them.');
  // Ann reacts to your answer as a person would: the message's reaction button, then 👍.
  await when(shadowOf(ann), () => messageWith(ann, 'They look great')?.querySelector('[part~="add-reaction"]') != null, alive);
  messageWith(ann, 'They look great')!.querySelector<HTMLButtonElement>('[part~="add-reaction"]')!.click();
  await when(shadowOf(ann), () => shadowOf(ann).querySelector('[part="reaction-picker"] button') !== null, alive);
  [...shadowOf(ann).querySelectorAll<HTMLButtonElement>('[part="reaction-picker"] button')].find((button) => button.textContent?.trim() === '👍')!.click();
  // …and goes on typing an answer: a keystroke now and then (what each does in the composer), as
  // long as the story is open, so "Ann is typing…" stays.
  const composer = shadowOf(ann).querySelector('textarea')!;
  const words = 'Shall we meet again next week, same place?'.split(' ');
  const keystroke = () => {
    if (!alive()) return clearInterval(typing);
    composer.value = words.slice(0, (composer.value.split(' ').length % words.length) + 1).join(' ');
    composer.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  };
  const typing = setInterval(keystroke, 2000);
  keystroke();
}

/** The scene: your chat, and Ann's beside it. `room`: a room name of this scene's own. */
export function chatScene(keys: SceneKeys, room: string): TemplateResult {
  const chat = (who: string, identity: Identity, label: string) => html`<section aria-label=${label} style="flex: ${who === 'you' ? '2 1 20rem' : '1 1 16rem'}; min-inline-size: 0; display: flex">
    <peer-room .identity=${identity} ns="peerkit-storybook" room=${room} no-status style="flex: 1; block-size: 30rem">
      <peer-chat data-who=${who} .store=${memoryStore()}></peer-chat>
    </peer-room>
  </section>`;
  const start = (event: Event) => {
    const scene = event.currentTarget as HTMLElement;
    const [you, ann] = (['you', 'ann'] as const).map((who) => scene.querySelector<PeerChatElement>(`peer-chat[data-who="${who}"]`)!);
    play(you!, ann!).catch((error: unknown) => {
      // Closing the story mid-scene stops it; anything else is a fault in the scene, said where Storybook's checks see it.
      if (you!.isConnected) console.error('The chat scene stopped:', error);
    });
  };
  // The scene starts when its rooms are in the page: the first status change of either.
  return html`<div style="display: flex; flex-wrap: wrap; gap: 1rem" @peer-status-change=${{ handleEvent: start, once: true }}>
    ${chat('you', keys.you, 'Your chat')} ${chat('ann', keys.ann, "Ann's chat (played by this story)")}
  </div>`;
}
