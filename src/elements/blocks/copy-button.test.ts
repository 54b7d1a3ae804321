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

  it('where the page may not write the clipboard (Permissions Policy), copies by the copy command, and says so', async () => {
    // A real refusal, not a stub: this frame's policy denies clipboard-write, so the Clipboard API rejects.
    const frame = document.createElement('iframe');
    frame.setAttribute('allow', "clipboard-write 'none'");
    frame.srcdoc = `<!doctype html><peer-copy-button value="A1B2 C3D4" label="Copy fingerprint"></peer-copy-button>
      <script type="module">import '/src/elements/blocks/define.ts';</script>`;
    frame.style.cssText = 'width: 200px; height: 80px; border: 0';
    mount(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const inner = frame.contentWindow!;
    await inner.customElements.whenDefined('peer-copy-button');
    const element = frame.contentDocument!.querySelector('peer-copy-button')!;
    await (element as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const refused = await inner.navigator.clipboard.writeText('probe').then(
      () => false,
      () => true,
    );
    expect(refused, 'the frame really is refused the Clipboard API').to.equal(true);
    const done = new Promise<PeerEventMap['peer-copy']>((resolve) => element.addEventListener('peer-copy', resolve as EventListener, { once: true }));
    const button = element.shadowRoot!.querySelector('button')!;
    const [x, y] = centreOf(button);
    const offset = frame.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(offset.left + x), Math.round(offset.top + y)] });
    const { detail } = await done;
    expect(detail).to.deep.include({ ok: true, via: 'command', value: 'A1B2 C3D4' });
    await domCondition(element.shadowRoot!, () => element.shadowRoot!.querySelector('[part="status"]')!.textContent === 'Copied');
  });
});

