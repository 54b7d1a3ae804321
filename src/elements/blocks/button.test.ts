import { expect } from 'chai';
import { html } from 'lit';
import { resetMouse, sendKeys, sendMouse } from '../../../test/support/browser-input.js';
import { accessibilityViolations } from '../../../test/support/axe.js';
import { blockHost, centreOf, deepActiveElement } from '../../../test/support/block-host.js';
import { mountedPerTest } from '../../../test/support/elements.js';
import { BlockError } from './block-error.js';
import { buttonStyles } from './button.styles.js';
import { Paperclip, Send, X } from 'lucide';
import { button, type ButtonOptions } from './button.js';
import type { PeerButtonElement } from './peer-button.js';
import './define.js';

describe('button', () => {
  const mount = mountedPerTest();
  afterEach(() => resetMouse());

  async function peerButton(attributes: Record<string, string>, text = ''): Promise<PeerButtonElement> {
    const element = document.createElement('peer-button');
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    element.textContent = text;
    mount(element);
    await element.updateComplete;
    return element;
  }
  const inner = (element: PeerButtonElement) => element.shadowRoot!.querySelector('button')!;

  it('draws every variant, size and state as a real <button> with no axe violations', async () => {
    const variants = ['primary', 'neutral', 'danger', 'text'] as const;
    const all: ButtonOptions[] = variants.flatMap((variant) => [
      { variant, label: `${variant} m` },
      { variant, size: 's' as const, label: `${variant} s`, icon: Send },
      { variant, label: `${variant} disabled`, disabled: true },
      { variant, label: `${variant} loading`, loading: true },
      { variant, iconOnly: true as const, icon: Paperclip, label: `Attach (${variant})` },
    ]);
    const host = blockHost(() => html`${all.map((options) => button(options))}`, buttonStyles);
    mount(host);
    await host.updateComplete;
    const buttons = [...host.shadowRoot.querySelectorAll('button')];
    expect(buttons).to.have.length(all.length);
    const background = (index: number) => getComputedStyle(buttons[index]!).backgroundColor;
    // primary, neutral, danger and text look different from one another
    expect(new Set([0, 5, 10, 15].map(background)).size).to.equal(4);
    const iconOnly = buttons[4]!;
    expect(iconOnly.getAttribute('aria-label')).to.equal('Attach (primary)');
    expect(iconOnly.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
    expect(iconOnly.textContent!.trim()).to.equal('');
    expect(await accessibilityViolations(host)).to.deep.equal([]);
  });

  it('refuses an icon-only button without a label (BlockError missing-label)', () => {
    const options = { iconOnly: true, icon: X, label: '  ' } as const;
    expect(() => button(options)).to.throw(BlockError).with.property('code', 'missing-label');
  });

  it('shows hover, pressed and keyboard focus states', async () => {
    const element = await peerButton({ variant: 'primary' }, 'Send');
    // No colour transition: each computed colour is the state's own at once.
    element.style.setProperty('--peer-duration-fast', '0s');
    const target = inner(element);
    const resting = getComputedStyle(target).backgroundColor;
    await sendMouse({ type: 'move', position: centreOf(target) });
    const hovered = getComputedStyle(target).backgroundColor;
    await sendMouse({ type: 'down' });
    const pressed = getComputedStyle(target).backgroundColor;
    await sendMouse({ type: 'up' });
    expect(hovered).to.not.equal(resting);
    expect(pressed).to.not.equal(hovered);
    // A mouse click leaves no ring; the keyboard does.
    expect(getComputedStyle(target).outlineStyle).to.equal('none');
    target.blur();
    const before = document.createElement('button');
    before.textContent = 'before';
    document.body.prepend(before);
    try {
      before.focus();
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()).to.equal(target);
      expect(getComputedStyle(target).outlineStyle).to.equal('solid');
      expect(getComputedStyle(target).outlineWidth).to.equal('2px');
    } finally {
      before.remove();
    }
  });

  it('while loading: aria-busy, a spinner, focus kept, and clicks, Enter and Space reach nobody', async () => {
    const element = await peerButton({}, 'Save');
    let clicks = 0;
    element.addEventListener('click', () => clicks++);
    inner(element).focus();
    element.loading = true;
    await element.updateComplete;
    const target = inner(element);
    expect(target.getAttribute('aria-busy')).to.equal('true');
    expect(target.getAttribute('aria-disabled')).to.equal('true');
    expect(target.querySelector('[part~="spinner"]')).to.not.equal(null);
    expect(deepActiveElement(), 'focus stays on the button').to.equal(target);
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    await sendMouse({ type: 'click', position: centreOf(target) });
    expect(clicks).to.equal(0);
    element.loading = false;
    await element.updateComplete;
    await sendMouse({ type: 'click', position: centreOf(target) });
    expect(clicks).to.equal(1);
  });

  it('a loading submit button in a shadow root does not submit its form', async () => {
    let submits = 0;
    let loading = true;
    const host = blockHost(
      () =>
        html`<form
          @submit=${(event: SubmitEvent) => {
            event.preventDefault();
            submits++;
          }}
        >
          <input aria-label="text" />${button({ label: 'Send', type: 'submit', variant: 'primary', loading })}
        </form>`,
      buttonStyles,
    );
    mount(host);
    await host.updateComplete;
    const submit = host.shadowRoot.querySelector('button')!;
    await sendMouse({ type: 'click', position: centreOf(submit) });
    host.shadowRoot.querySelector('input')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(submits, 'neither the click nor Enter in the field submitted').to.equal(0);
    loading = false;
    host.requestUpdate();
    await host.updateComplete;
    await sendMouse({ type: 'click', position: centreOf(submit) });
    expect(submits).to.equal(1);
  });

  it('<peer-button type="submit"> submits the form it is in; a disabled one is skipped by Tab and takes no click', async () => {
    const form = document.createElement('form');
    let submits = 0;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submits++;
    });
    form.innerHTML = '<button type="button">first</button><peer-button type="submit">Join</peer-button><peer-button disabled>Off</peer-button><button type="button">last</button>';
    mount(form);
    const [join, off] = [...form.querySelectorAll('peer-button')];
    await Promise.all([join!.updateComplete, off!.updateComplete]);
    await sendMouse({ type: 'click', position: centreOf(inner(join!)) });
    expect(submits).to.equal(1);
    let offClicks = 0;
    off!.addEventListener('click', () => offClicks++);
    await sendMouse({ type: 'click', position: centreOf(inner(off!)) });
    expect(offClicks).to.equal(0);
    inner(join!).focus();
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()!.textContent).to.equal('last');
  });

  it('<peer-button icon label> is icon-only, named by its label', async () => {
    const element = await peerButton({ icon: 'copy', label: 'Copy fingerprint' });
    const target = inner(element);
    expect(target.getAttribute('aria-label')).to.equal('Copy fingerprint');
    expect(target.querySelector('slot')).to.equal(null);
    expect(await accessibilityViolations(element)).to.deep.equal([]);
  });
});
