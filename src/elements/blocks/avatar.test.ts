import { expect } from 'chai';
import { html } from 'lit';
import { accessibilityViolations } from '../../../test/support/axe.js';
import { blockHost } from '../../../test/support/block-host.js';
import { contrastRatio } from '../../../test/support/contrast.js';
import { mountedPerTest } from '../../../test/support/elements.js';
import { avatar, avatarHue, avatarInitials, avatarStyles } from './avatar.js';
import './define.js';

const randomFingerprint = () => [...crypto.getRandomValues(new Uint8Array(20))].map((byte) => byte.toString(16).padStart(2, '0')).join('');

describe('avatar', () => {
  const mount = mountedPerTest();

  it('takes initials from the first and last word, whole letters, upper case', () => {
    expect(avatarInitials('Ann Lee')).to.equal('AL');
    expect(avatarInitials('ben')).to.equal('B');
    expect(avatarInitials('  élodie  de la   Roche ')).to.equal('ÉR');
    expect(avatarInitials('👩‍🚀 Zoë')).to.equal('Z');
    expect(avatarInitials('Ω')).to.equal('Ω');
    expect(avatarInitials('   ')).to.equal('');
  });

  it('derives the hue from the fingerprint: the same everywhere, and spread over the circle', () => {
    const fingerprint = randomFingerprint();
    expect(avatarHue(fingerprint)).to.equal(avatarHue(fingerprint.toUpperCase()));
    const hues = new Set(Array.from({ length: 2000 }, () => avatarHue(randomFingerprint())));
    expect(hues.size).to.be.greaterThan(330);
    for (const hue of hues) expect(hue).to.be.within(0, 359);
  });

  it('keeps the initials at ≥ 4.5:1 on every hue, in the light and the dark scheme', async () => {
    // One fingerprint per hue: every colour an avatar can take.
    const byHue = new Map<number, string>();
    while (byHue.size < 360) {
      const fingerprint = randomFingerprint();
      byHue.set(avatarHue(fingerprint), fingerprint);
    }
    for (const scheme of ['light', 'dark']) {
      const host = blockHost(() => html`${[...byHue.values()].map((fingerprint) => avatar({ name: 'Ann Lee', fingerprint }))}`, avatarStyles);
      host.style.colorScheme = scheme;
      mount(host);
      await host.updateComplete;
      const worst = Math.min(
        ...[...host.shadowRoot.querySelectorAll('.avatar')].map((disc) => {
          const style = getComputedStyle(disc);
          return contrastRatio(style.color, style.backgroundColor);
        }),
      );
      expect(worst, scheme).to.be.at.least(4.5);
    }
  });

  it('is hidden from screen readers next to a written name, an image named by its label otherwise', async () => {
    const plain = document.createElement('peer-avatar');
    plain.name = 'Ann Lee';
    plain.fingerprint = randomFingerprint();
    const labelled = document.createElement('peer-avatar');
    labelled.name = 'Ben';
    labelled.fingerprint = randomFingerprint();
    labelled.label = 'Ben';
    labelled.size = 'l';
    mount(plain);
    mount(labelled);
    await Promise.all([plain.updateComplete, labelled.updateComplete]);
    const [disc, named] = [plain, labelled].map((element) => element.shadowRoot!.querySelector('[part="avatar"]')!);
    expect(disc!.textContent).to.equal('AL');
    expect(disc!.getAttribute('aria-hidden')).to.equal('true');
    expect(named!.getAttribute('role')).to.equal('img');
    expect(named!.getAttribute('aria-label')).to.equal('Ben');
    expect(named!.getBoundingClientRect().width).to.be.greaterThan(disc!.getBoundingClientRect().width);
    expect(await accessibilityViolations(labelled)).to.deep.equal([]);
  });
});
