import { expect } from 'chai';
import { resetMouse, sendKeys, sendMouse } from '../../../test/support/browser-input.js';
import { accessibilityViolations } from '../../../test/support/axe.js';
import { centreOf } from '../../../test/support/block-host.js';
import { domCondition, mountedPerTest } from '../../../test/support/elements.js';
import type { PeerTooltipElement } from './tooltip.js';
import './define.js';

describe('<peer-tooltip>', () => {
  const mount = mountedPerTest();
  afterEach(() => resetMouse());

  async function tooltip(): Promise<{ tooltip: PeerTooltipElement; trigger: HTMLButtonElement; before: HTMLButtonElement }> {
    const before = document.createElement('button');
    before.textContent = 'before';
    mount(before);
    const element = document.createElement('peer-tooltip');
    element.content = 'Copies the fingerprint';
    element.innerHTML = '<button type="button" aria-label="Copy fingerprint">⧉</button>';
    element.style.margin = '4rem';
    mount(element);
    await element.updateComplete;
    return { tooltip: element, trigger: element.querySelector('button')!, before };
  }
  const tip = (element: PeerTooltipElement) => element.shadowRoot!.querySelector<HTMLElement>('[part="tip"]')!;
  const shown = (element: PeerTooltipElement) => tip(element).matches(':popover-open') && tip(element).textContent === element.content;

  it('shows on keyboard focus, above its trigger, and Escape hides it', async () => {
    const { tooltip: element, trigger, before } = await tooltip();
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(trigger);
    await domCondition(element.shadowRoot!, () => shown(element));
    expect(tip(element).getAttribute('role')).to.equal('tooltip');
    expect(tip(element).getBoundingClientRect().bottom).to.be.at.most(trigger.getBoundingClientRect().top);
    expect(await accessibilityViolations(element)).to.deep.equal([]);
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(tip(element).matches(':popover-open')).to.equal(false);
    expect(document.activeElement, 'focus stays on the trigger').to.equal(trigger);
  });

  it('shows on hover, stays while the pointer moves onto it, and goes when the pointer leaves both', async () => {
    const { tooltip: element, trigger } = await tooltip();
    let leaves = 0;
    element.addEventListener('pointerleave', () => leaves++);
    await sendMouse({ type: 'move', position: centreOf(trigger) });
    await domCondition(element.shadowRoot!, () => shown(element));
    await sendMouse({ type: 'move', position: centreOf(tip(element)) });
    // On the tip the pointer is still inside the tooltip element: nothing starts hiding it.
    expect(leaves).to.equal(0);
    expect(shown(element)).to.equal(true);
    await sendMouse({ type: 'move', position: [1, 1] });
    await domCondition(element.shadowRoot!, () => !tip(element).matches(':popover-open'));
    expect(element.open).to.equal(false);
  });
});
