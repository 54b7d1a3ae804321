import { expect } from 'chai';
import { html } from 'lit';
import { accessibilityViolations } from '../../../test/support/axe.js';
import { blockHost } from '../../../test/support/block-host.js';
import { mountedPerTest } from '../../../test/support/elements.js';
import { icon, iconStyles } from './icon.js';
import { iconNames, icons } from './icon-set.js';
import './define.js';

describe('icons', () => {
  const mount = mountedPerTest();

  it('has every icon the elements need, drawn as inline SVG in currentColor, decorative by default', async () => {
    const needed = [
      'paperclip', 'send', 'check', 'check-check', 'alert-circle', 'x', 'copy', 'shield-check', 'shield-off', 'ban', 'user', 'users',
      'wifi', 'wifi-off', 'loader', 'chevron-down', 'arrow-down', 'smile-plus', 'trash', 'key', 'log-in', 'log-out', 'reply',
    ];
    expect(iconNames).to.include.members(needed);
    const host = blockHost(() => html`${iconNames.map((name) => html`<span data-name=${name}>${icon(icons[name])}</span>`)}`, iconStyles);
    host.style.color = 'rgb(1, 2, 3)';
    mount(host);
    await host.updateComplete;
    for (const name of iconNames) {
      const svg = host.shadowRoot.querySelector(`[data-name="${name}"] svg`)!;
      expect(svg.namespaceURI, name).to.equal('http://www.w3.org/2000/svg');
      expect(svg.getAttribute('aria-hidden'), name).to.equal('true');
      expect(svg.childElementCount, name).to.be.greaterThan(0);
      expect(svg.textContent, name).to.equal('');
      expect(getComputedStyle(svg).stroke, name).to.equal('rgb(1, 2, 3)');
      // One icon in the set is not another drawn twice.
      expect(svg.getBoundingClientRect().width, name).to.be.greaterThan(0);
    }
    const drawings = iconNames.map((name) => host.shadowRoot.querySelector(`[data-name="${name}"] svg`)!.innerHTML);
    expect(new Set(drawings).size).to.equal(iconNames.length);
  });

  it('a labelled icon is an image with that name; <peer-icon> draws nothing for an unknown name', async () => {
    const labelled = document.createElement('peer-icon');
    labelled.name = 'shield-check';
    labelled.label = 'Trusted';
    const unknown = document.createElement('peer-icon');
    unknown.name = 'no-such-icon';
    mount(labelled);
    mount(unknown);
    await Promise.all([labelled.updateComplete, unknown.updateComplete]);
    const svg = labelled.shadowRoot!.querySelector('svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.equal('Trusted');
    expect(svg.hasAttribute('aria-hidden')).to.equal(false);
    expect(unknown.shadowRoot!.querySelector('svg')).to.equal(null);
    expect(await accessibilityViolations(labelled)).to.deep.equal([]);
  });

  it('mirrors the icons that point along the reading direction in right-to-left text, and only those', async () => {
    const rtl = document.createElement('div');
    rtl.dir = 'rtl';
    rtl.innerHTML = '<peer-icon name="send"></peer-icon><peer-icon name="paperclip"></peer-icon><peer-button icon="reply">Reply</peer-button>';
    mount(rtl);
    const [send, paperclip] = [...rtl.querySelectorAll('peer-icon')];
    const reply = rtl.querySelector('peer-button')!;
    await Promise.all([send!.updateComplete, paperclip!.updateComplete, reply.updateComplete]);
    const transformOf = (root: ShadowRoot) => getComputedStyle(root.querySelector('svg')!).transform;
    expect(transformOf(send!.shadowRoot!)).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    expect(transformOf(reply.shadowRoot!)).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    expect(transformOf(paperclip!.shadowRoot!)).to.equal('none');
    rtl.dir = 'ltr';
    expect(transformOf(send!.shadowRoot!)).to.equal('none');
  });
});
