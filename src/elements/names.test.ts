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
