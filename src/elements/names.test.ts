import { expect } from 'chai';
import { renderGallery } from '../../test/support/gallery.js';
import { deepElements } from '../../test/support/rendered-contrast.js';
import './peer-chat/define.js';

/**
 * A peer's name is text its key's owner chose. Shown next to other text, a right-to-left name (or
 * one that is a run of neutral characters) would take part in the bidi ordering of its
 * surroundings; isolated, it cannot reorder them.
 */
describe('names are shown isolated from the text around them', function () {
  this.timeout(60_000);

  it('every peer name in the list, the chat and the address book is a bidi isolate', async () => {
    const stage = document.createElement('div');
    document.body.append(stage);
    const gallery = await renderGallery(stage);
    try {
      const names = [...deepElements(stage)].filter((element) => element.matches('.name, .author'));
      const hosts = new Set(names.map((element) => ((element.getRootNode() as ShadowRoot).host as HTMLElement).localName));
      expect([...hosts].sort()).to.deep.equal(['peer-chat', 'peer-identity', 'peer-list']);
      const notIsolated = names.filter((element) => getComputedStyle(element).unicodeBidi !== 'isolate').map((element) => element.textContent);
      expect(notIsolated).to.deep.equal([]);
    } finally {
      gallery.remove();
      stage.remove();
    }
  });
});

/**
 * Fingerprints are groups of hex digits, compared by eye with another screen: digits are weak in
 * the bidi algorithm, so a right-to-left page would lay "9230 7563" out as "7563 9230" unless the
 * fingerprint is a left-to-right isolate.
 */
describe('fingerprints read left to right on a right-to-left page', function () {
  this.timeout(60_000);

  /** Whether the first and last four characters of `element`'s text are laid out left to right. */
  function laidOutInOrder(element: Element): boolean {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let text: Text | undefined;
    while (walker.nextNode()) if ((walker.currentNode as Text).data.trim().length >= 9) text = walker.currentNode as Text;
    const range = (from: number, to: number) => {
      const part = document.createRange();
      part.setStart(text!, from);
      part.setEnd(text!, to);
      return part.getBoundingClientRect();
    };
    const length = text!.data.trimEnd().length;
    return range(0, 4).left < range(length - 4, length).left;
  }

  it('in the list, the address book and the identity', async () => {
    const stage = document.createElement('div');
    stage.dir = 'rtl';
    document.body.append(stage);
    const gallery = await renderGallery(stage);
    try {
      const fingerprints = [...deepElements(stage)].filter((element) => element.matches('[part~="fingerprint"], .address-book code, li code'));
      const hosts = new Set(fingerprints.map((element) => ((element.getRootNode() as ShadowRoot).host as HTMLElement).localName));
      expect([...hosts].sort()).to.deep.equal(['peer-identity', 'peer-list']);
      // Whether a fingerprint swaps depends on its digits (a group with letters anchors the order), so
      // the style that rules it out for every fingerprint is asserted, and the layout checked as well.
      const notIsolated = fingerprints.filter((element) => getComputedStyle(element).direction !== 'ltr' || getComputedStyle(element).unicodeBidi !== 'isolate').map((element) => element.textContent);
      expect(notIsolated).to.deep.equal([]);
      const swapped = fingerprints.filter((element) => !laidOutInOrder(element)).map((element) => element.textContent);
      expect(swapped).to.deep.equal([]);
    } finally {
      gallery.remove();
      stage.remove();
    }
  });
});
