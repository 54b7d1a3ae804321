import { expect } from 'chai';
import { resetMouse, sendMouse } from '../../../test/support/browser-input.js';
import { accessibilityViolations } from '../../../test/support/axe.js';
import { centreOf } from '../../../test/support/block-host.js';
import { domCondition, mountedPerTest } from '../../../test/support/elements.js';
import type { PeerEventMap } from '../events.js';
import './define.js';

describe('<peer-copy-button>', () => {
  const mount = mountedPerTest();
  afterEach(() => resetMouse());

  it('copies its value on a click (by the copy command where the Clipboard API is refused) and says "Copied" politely', async () => {
    const element = document.createElement('peer-copy-button');
    element.value = 'A1B2 C3D4';
    element.label = 'Copy fingerprint';
    mount(element);
    await element.updateComplete;
    const button = element.shadowRoot!.querySelector('button')!;
    expect(button.getAttribute('aria-label')).to.equal('Copy fingerprint');
    expect(await accessibilityViolations(element)).to.deep.equal([]);
    // What reaches the clipboard, whichever way: the page sees the copy event of the command, or the API's promise.
    let copiedByCommand = '';
    const onCopy = (event: Event) => (copiedByCommand = (event.composedPath()[0] as HTMLTextAreaElement).value ?? '');
    document.addEventListener('copy', onCopy, true);
    const done = new Promise<PeerEventMap['peer-copy']>((resolve) => element.addEventListener('peer-copy', resolve, { once: true }));
    await sendMouse({ type: 'click', position: centreOf(button) });
    const { detail } = await done;
    document.removeEventListener('copy', onCopy, true);
    expect(detail.ok).to.equal(true);
    expect(detail.value).to.equal('A1B2 C3D4');
    if (detail.via === 'command') expect(copiedByCommand).to.equal('A1B2 C3D4');
    else expect(detail.via).to.equal('clipboard');
    const status = element.shadowRoot!.querySelector('[part="status"]')!;
    await domCondition(element.shadowRoot!, () => status.textContent === 'Copied');
    expect(status.getAttribute('role')).to.equal('status');
    expect(element.shadowRoot!.activeElement, 'focus stays on the button').to.equal(button);
  });
});
