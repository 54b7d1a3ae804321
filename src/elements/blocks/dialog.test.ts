import { expect } from 'chai';
import { sendKeys } from '../../../test/support/browser-input.js';
import { accessibilityViolations } from '../../../test/support/axe.js';
import { deepActiveElement } from '../../../test/support/block-host.js';
import { mountedPerTest } from '../../../test/support/elements.js';
import { BlockError } from './block-error.js';
import { confirmAction, requestText, type PeerDialogElement } from './dialog.js';
import './define.js';

describe('<peer-dialog>', () => {
  const mount = mountedPerTest();

  function opener(): HTMLButtonElement {
    const element = document.createElement('button');
    element.textContent = 'Export key';
    mount(element);
    element.focus();
    return element;
  }

  /** The dialog the helpers put into the page, once it is open. */
  async function openDialog(): Promise<PeerDialogElement> {
    for (;;) {
      const dialog = document.querySelector('peer-dialog');
      if (dialog?.open) return dialog;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }

  it('asks for a password in a modal labelled by its heading, answers with what was typed, and gives focus back', async () => {
    const button = opener();
    const answer = requestText({ heading: 'Protect your key', message: 'Choose a passphrase.', label: 'Passphrase', autocomplete: 'new-password' });
    const dialog = await openDialog();
    const native = dialog.shadowRoot!.querySelector('dialog')!;
    expect(native.matches(':modal')).to.equal(true);
    expect(dialog.shadowRoot!.getElementById(native.getAttribute('aria-labelledby')!)!.textContent).to.equal('Protect your key');
    const input = dialog.shadowRoot!.querySelector('input')!;
    expect(input.type).to.equal('password');
    expect(input.autocomplete).to.equal('new-password');
    expect(deepActiveElement()).to.equal(input);
    expect(await accessibilityViolations(dialog)).to.deep.equal([]);
    await sendKeys({ type: 'correct horse' });
    await sendKeys({ press: 'Enter' });
    expect(await answer).to.equal('correct horse');
    expect(document.querySelector('peer-dialog'), 'the helper removes its dialog').to.equal(null);
    expect(deepActiveElement()).to.equal(button);
  });

  it('Escape cancels (undefined) and focus returns to the opener; the typed text does not stay in the page', async () => {
    const button = opener();
    const dialog = document.createElement('peer-dialog');
    mount(dialog);
    const answer = dialog.requestText({ heading: 'Unlock', label: 'Passphrase' });
    await openDialog();
    await sendKeys({ type: 'secret' });
    await sendKeys({ press: 'Escape' });
    expect(await answer).to.equal(undefined);
    expect(dialog.open).to.equal(false);
    expect(deepActiveElement()).to.equal(button);
    await dialog.updateComplete;
    const fields = [...dialog.shadowRoot!.querySelectorAll('input')];
    expect(fields.filter((field) => field.value === 'secret')).to.have.length(0);
  });

  it('a refused value keeps the dialog open with the reason tied to the field', async () => {
    const dialog = document.createElement('peer-dialog');
    mount(dialog);
    const answer = dialog.requestText({ heading: 'Protect your key', label: 'Passphrase', validate: (value) => (value.length < 8 ? 'At least 8 characters' : undefined) });
    await openDialog();
    await sendKeys({ type: 'short' });
    await sendKeys({ press: 'Enter' });
    await dialog.updateComplete;
    const input = dialog.shadowRoot!.querySelector('input')!;
    expect(dialog.open).to.equal(true);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(dialog.shadowRoot!.getElementById(input.getAttribute('aria-describedby')!)!.textContent).to.contain('At least 8 characters');
    expect(await accessibilityViolations(dialog)).to.deep.equal([]);
    await sendKeys({ type: ' enough' });
    await sendKeys({ press: 'Enter' });
    expect(await answer).to.equal('short enough');
  });

  it('confirms a dangerous action: focus starts on Cancel, so Enter does not destroy; the danger button does', async () => {
    const button = opener();
    const first = confirmAction({ heading: 'Delete this key?', message: 'Peers will not recognise you any more.', confirmLabel: 'Delete key', opener: button });
    let dialog = await openDialog();
    expect(deepActiveElement()!.textContent!.trim()).to.equal('Cancel');
    expect(await accessibilityViolations(dialog)).to.deep.equal([]);
    await sendKeys({ press: 'Enter' });
    expect(await first).to.equal(false);
    expect(deepActiveElement()).to.equal(button);

    const second = confirmAction({ heading: 'Delete this key?', message: 'Peers will not recognise you any more.', confirmLabel: 'Delete key', opener: button });
    dialog = await openDialog();
    const remove = dialog.shadowRoot!.querySelector<HTMLButtonElement>('button.danger')!;
    expect(remove.textContent!.trim()).to.equal('Delete key');
    remove.click();
    expect(await second).to.equal(true);
  });

  it('a helper\'s dialog takes the theme of its opener\'s ancestors (a dark subtree gives a dark dialog)', async () => {
    const dark = document.createElement('div');
    dark.setAttribute('theme', 'dark');
    const button = document.createElement('button');
    button.textContent = 'Delete key';
    dark.append(button);
    mount(dark);
    const answer = confirmAction({ heading: 'Delete this key?', message: 'This cannot be undone.', confirmLabel: 'Delete key', opener: button });
    const dialog = await openDialog();
    const surface = getComputedStyle(dialog.shadowRoot!.querySelector('dialog')!).backgroundColor;
    dialog.close();
    expect(await answer).to.equal(false);
    expect(surface).to.equal('rgb(31, 36, 48)');
  });

  it('a question still open when its dialog leaves the page is answered as cancelled, not left hanging', async () => {
    const dialog = document.createElement('peer-dialog');
    mount(dialog);
    const answer = dialog.requestText({ heading: 'Unlock', label: 'Passphrase' });
    await openDialog();
    dialog.remove();
    expect(await answer).to.equal(undefined);
  });

  it('refuses a second question while one waits (BlockError dialog-busy), and a question without a heading', async () => {
    const dialog = document.createElement('peer-dialog');
    mount(dialog);
    const first = dialog.confirmAction({ heading: 'Leave?', message: 'You will leave the room.', confirmLabel: 'Leave' });
    await openDialog();
    const error = await dialog.requestText({ heading: 'Unlock', label: 'Passphrase' }).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(BlockError).with.property('code', 'dialog-busy');
    dialog.close();
    expect(await first).to.equal(false);
    const unnamed = await dialog.confirmAction({ heading: ' ', message: 'x', confirmLabel: 'OK' }).catch((caught: unknown) => caught);
    expect(unnamed).to.be.instanceOf(BlockError).with.property('code', 'missing-label');
  });

  it('show() opens slotted content with a close button; Escape closes it and fires peer-dialog-close', async () => {
    const button = opener();
    const dialog = document.createElement('peer-dialog');
    dialog.label = 'About this room';
    dialog.innerHTML = '<p>Everyone here has a key.</p>';
    mount(dialog);
    await dialog.show();
    expect(dialog.shadowRoot!.querySelector('[part~="close"]')!.getAttribute('aria-label')).to.equal('Close');
    expect(await accessibilityViolations(dialog)).to.deep.equal([]);
    const closed = new Promise((resolve) => dialog.addEventListener('peer-dialog-close', resolve, { once: true }));
    await sendKeys({ press: 'Escape' });
    await closed;
    expect(dialog.open).to.equal(false);
    expect(deepActiveElement()).to.equal(button);
  });
});
