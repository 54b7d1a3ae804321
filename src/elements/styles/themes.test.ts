import type { RuleObject } from 'axe-core';
import { expect } from 'chai';
import { accessibilityViolations } from '../../../test/support/axe.js';
import { roomElement } from '../../../test/support/elements.js';
import { renderGallery, type Gallery } from '../../../test/support/gallery.js';
import { contrast, luminanceOf, rgbaOf } from '../../../test/support/contrast.js';
import { backgroundOf, contrastReport, deepElements } from '../../../test/support/rendered-contrast.js';
import { serverCommand } from '../../../test/support/server-commands.js';
import type { PeerChatElement } from '../peer-chat/peer-chat.js';
import type { PeerIdentityElement } from '../peer-identity/peer-identity.js';
import type { PeerListElement } from '../peer-list/peer-list.js';
import type { PeerRoomElement } from '../peer-room/peer-room.js';
import '../peer-chat/define.js';

interface Media {
  /** null: back to what the browser had before any emulation. */
  colorScheme?: 'light' | 'dark' | null;
  forcedColors?: 'active' | 'none' | null;
  reducedMotion?: 'reduce' | 'no-preference' | null;
}
const emulateMedia = (media: Media) => serverCommand('emulate-media', media);

/**
 * Resolves once the colour transitions a theme change started have ended: measured mid-way, a
 * button would be half its old colour. Reading layout makes the browser restyle (and start them).
 */
async function settled(): Promise<void> {
  document.documentElement.getBoundingClientRect();
  // Each shadow root lists its own animations; the document's list leaves them out.
  const scopes: (Document | ShadowRoot)[] = [document, ...[...deepElements(document.body)].flatMap((element) => (element.shadowRoot ? [element.shadowRoot] : []))];
  // A transition replaced by a newer one rejects `finished`: that one is awaited instead.
  await Promise.all(scopes.flatMap((scope) => scope.getAnimations()).map((animation) => animation.finished.catch(() => undefined)));
}

/**
 * Every element in the states people see (test/support/gallery.ts), measured in each theme. The
 * elements sit on a plain white page inside `stage`, whose `theme` the tests switch: a theme must
 * reach them from an ancestor.
 */
describe('themes: every element in light, dark and auto, measured', function () {
  this.timeout(90_000);
  let stage: HTMLDivElement;
  let gallery: Gallery;
  let room: PeerRoomElement;
  let list: PeerListElement;
  let chat: PeerChatElement;
  let identity: PeerIdentityElement;
  let fresh: PeerIdentityElement;

  before(async () => {
    stage = document.createElement('div');
    document.body.append(stage);
    gallery = await renderGallery(stage);
    ({ room, list, chat, identity, fresh } = gallery);
  });

  afterEach(async () => {
    stage.removeAttribute('theme');
    stage.className = '';
    await emulateMedia({ colorScheme: null, forcedColors: null, reducedMotion: null });
  });

  after(() => {
    gallery.remove();
    stage.remove();
  });

  const measured = () => gallery.shown;

  async function expectReadable(): Promise<void> {
    await settled();
    const { failures, checked } = contrastReport(stage);
    expect(failures).to.deep.equal([]);
    // Something was measured in every element: the walk reached the states it is meant to see.
    expect(checked.text).to.be.greaterThan(60);
    expect(checked.boundaries).to.be.greaterThan(10);
    expect(checked.focusRings).to.be.greaterThan(10);
    for (const selector of ['[part="unread-marker"]', '[part="jump"]', '.state.failed', '.trust.trusted', '.trust.blocked', 'form.create', '[part="address-book"]']) {
      expect(
        measured().some((element) => element.shadowRoot!.querySelector(selector)),
        `renders ${selector}`,
      ).to.equal(true);
    }
  }

  function surfaceLuminance(element: HTMLElement): number {
    return luminanceOf(backgroundOf(element));
  }

  it('is light by default: every text, icon, control boundary and focus ring meets WCAG AA', async () => {
    for (const element of measured()) expect(surfaceLuminance(element), element.localName).to.be.greaterThan(0.8);
    await expectReadable();
  });

  it('a theme="dark" ancestor on a white page makes every element paint a dark surface, and all of it stays readable', async () => {
    stage.setAttribute('theme', 'dark');
    await settled();
    for (const element of measured()) {
      expect(rgbaOf(getComputedStyle(element).backgroundColor).a, `${element.localName} paints its own surface`).to.equal(1);
      expect(surfaceLuminance(element), element.localName).to.be.lessThan(0.05);
      expect(getComputedStyle(element).colorScheme, element.localName).to.equal('dark');
    }
    // Slotted children take the theme through the room that holds them.
    expect(surfaceLuminance(list)).to.be.lessThan(0.05);
    await expectReadable();
  });

  it('theme="auto" follows the system: dark when the page prefers dark, light otherwise', async () => {
    stage.setAttribute('theme', 'auto');
    expect(surfaceLuminance(chat)).to.be.greaterThan(0.8);
    await emulateMedia({ colorScheme: 'dark' });
    await settled();
    expect(surfaceLuminance(chat)).to.be.lessThan(0.05);
    await expectReadable();
  });

  it('a system preference for dark alone does not darken the default (light) theme', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    expect(surfaceLuminance(chat)).to.be.greaterThan(0.8);
    await expectReadable();
  });

  it('the class peer-theme-dark works like the attribute, and theme="light" on an element pins it light inside a dark subtree', async () => {
    stage.classList.add('peer-theme-dark');
    expect(surfaceLuminance(chat)).to.be.lessThan(0.05);
    identity.theme = 'light';
    await identity.updateComplete;
    try {
      expect(surfaceLuminance(identity)).to.be.greaterThan(0.8);
      expect(surfaceLuminance(fresh)).to.be.lessThan(0.05);
    } finally {
      identity.theme = undefined;
    }
  });

  it('the verify dialog is readable in light and dark, its QR code dark on light in both', async () => {
    const peer = room.peers.find((candidate) => candidate.name === 'Ben')!;
    await list.verify(peer.id);
    const dialog = list.shadowRoot!.querySelector<HTMLDialogElement>('dialog[part="verify-dialog"]')!;
    try {
      expect(dialog.open).to.equal(true);
      for (const theme of ['light', 'dark']) {
        stage.setAttribute('theme', theme);
        await settled();
        const { failures, checked } = contrastReport(dialog);
        expect(failures, theme).to.deep.equal([]);
        expect(checked.text, 'the title, help, safety number and buttons were measured').to.be.greaterThan(10);
        expect(luminanceOf(backgroundOf(dialog)), theme).to.be.within(...((theme === 'dark' ? [0, 0.05] : [0.8, 1]) as [number, number]));
      }
    } finally {
      dialog.close();
    }
  });

  it('transitions last --peer-duration-fast (120ms), and nothing under prefers-reduced-motion', async () => {
    const send = chat.shadowRoot!.querySelector<HTMLElement>('[part="send"]')!;
    const durations = () => [...new Set(getComputedStyle(send).transitionDuration.split(', '))];
    expect(durations()).to.deep.equal(['0.12s']);
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(durations()).to.deep.equal(['0s']);
  });

  it('axe finds nothing in light, dark, and forced colours', async () => {
    const audit = async (rules?: RuleObject) => {
      await settled();
      const violations: string[] = [];
      // One axe run at a time: axe refuses to start while another runs.
      for (const element of measured()) violations.push(...(await accessibilityViolations(element, rules)).map((violation) => `${element.localName}: ${violation}`));
      return violations;
    };
    expect(await audit(), 'light').to.deep.equal([]);
    stage.setAttribute('theme', 'dark');
    expect(await audit(), 'dark').to.deep.equal([]);
    await emulateMedia({ forcedColors: 'active' });
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    // Without axe's colour-contrast rule here: it reads -webkit-text-fill-color, which Chromium
    // leaves at the theme's colour while it paints the forced one (text here computes to black on
    // white, axe reports the dark theme's grey). The next test measures forced contrast itself.
    expect(await audit({ 'color-contrast': { enabled: false } }), 'forced colours').to.deep.equal([]);
  });

  it('in forced colours, status dots, control borders and focus rings stay visible (whatever the theme)', async () => {
    stage.setAttribute('theme', 'dark');
    await emulateMedia({ forcedColors: 'active' });
    const dot = room.shadowRoot!.querySelector<HTMLElement>('[part="status-dot"]')!;
    const canvas = backgroundOf(room);
    expect(contrast(rgbaOf(getComputedStyle(dot).backgroundColor), canvas), 'the dot stands out from the canvas').to.be.at.least(3);
    await settled();
    const { failures } = contrastReport(stage);
    expect(failures).to.deep.equal([]);
  });
});

describe('themes: reaching elements through other shadow roots', () => {
  it('a theme="dark" ancestor inside an app component\'s shadow root themes a peerkit element in it', async () => {
    const app = document.createElement('div');
    document.body.append(app);
    try {
      const shadow = app.attachShadow({ mode: 'open' });
      const panel = document.createElement('div');
      panel.setAttribute('theme', 'dark');
      const chat = document.createElement('peer-chat');
      panel.append(chat);
      shadow.append(panel);
      await chat.updateComplete;
      expect(luminanceOf(backgroundOf(chat))).to.be.lessThan(0.05);
      expect(getComputedStyle(chat).colorScheme).to.equal('dark');
      panel.setAttribute('theme', 'light');
      expect(luminanceOf(backgroundOf(chat))).to.be.greaterThan(0.8);
    } finally {
      app.remove();
    }
  });

  it('keeps the deprecated 0.1 custom properties working where the new ones are not set', async () => {
    const room = await roomElement('Ann', { ns: `themes-${Math.random()}`, room: 'r' });
    room.style.setProperty('--peer-accent', 'rgb(200, 0, 100)');
    room.style.setProperty('--peer-surface', 'rgb(250, 240, 200)');
    const chat = document.createElement('peer-chat');
    room.append(chat);
    document.body.append(room);
    try {
      await chat.updateComplete;
      const send = chat.shadowRoot!.querySelector<HTMLElement>('[part="send"]')!;
      expect(getComputedStyle(send).backgroundColor).to.equal('rgb(200, 0, 100)');
      expect(getComputedStyle(chat).backgroundColor).to.equal('rgb(250, 240, 200)');
      chat.style.setProperty('--peer-color-accent', 'rgb(0, 100, 0)');
      await settled();
      expect(getComputedStyle(send).backgroundColor).to.equal('rgb(0, 100, 0)');
    } finally {
      room.remove();
    }
  });
});
