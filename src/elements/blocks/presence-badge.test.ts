import { expect } from 'chai';
import { accessibilityViolations } from '../../../test/support/axe.js';
import { mountedPerTest } from '../../../test/support/elements.js';
import type { PresenceStatus } from '../localize/strings.js';
import './define.js';

describe('<peer-presence>', () => {
  const mount = mountedPerTest();

  it('says each status in words, with a dot of its own shape, never by colour alone', async () => {
    const statuses: PresenceStatus[] = ['connected', 'connecting', 'relayed', 'offline'];
    const badges = statuses.map((status) => {
      const badge = document.createElement('peer-presence');
      badge.status = status;
      mount(badge);
      return badge;
    });
    await Promise.all(badges.map((badge) => badge.updateComplete));
    expect(badges.map((badge) => badge.shadowRoot!.textContent!.trim())).to.deep.equal(['Connected', 'Connecting…', 'Relayed', 'Offline']);
    const fills = badges.map((badge) => {
      const style = getComputedStyle(badge.shadowRoot!.querySelector('.dot')!);
      return `${style.backgroundColor} ${style.backgroundImage}`;
    });
    // Filled, ring with a centre, half, hollow: four different fills.
    expect(new Set(fills).size).to.equal(4);
    for (const badge of badges) expect(await accessibilityViolations(badge)).to.deep.equal([]);
  });

  it('takes translated words, and shows an unknown status as offline', async () => {
    const badge = document.createElement('peer-presence');
    badge.strings = { connected: 'Verbunden' };
    badge.status = 'connected';
    mount(badge);
    await badge.updateComplete;
    expect(badge.shadowRoot!.textContent!.trim()).to.equal('Verbunden');
    badge.setAttribute('status', 'hacked');
    await badge.updateComplete;
    expect(badge.shadowRoot!.textContent!.trim()).to.equal('Offline');
  });
});
