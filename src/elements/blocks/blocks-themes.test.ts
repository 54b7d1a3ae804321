import { expect } from 'chai';
import { accessibilityViolations } from '../../../test/support/axe.js';
import { emulateMedia } from '../../../test/support/browser-input.js';
import { mountedPerTest } from '../../../test/support/elements.js';
import { contrastReport } from '../../../test/support/rendered-contrast.js';
import './define.js';

/** Every block in its states, on a stage painted with the theme's surface (the blocks paint none of their own). */
async function stage(theme: 'light' | 'dark'): Promise<HTMLElement> {
  const element = document.createElement('div');
  element.setAttribute('theme', theme);
  element.style.cssText = 'background: var(--peer-color-surface); color: var(--peer-color-text); padding: 16px';
  element.innerHTML = `
    <peer-button variant="primary" icon="send">Send</peer-button>
    <peer-button>Neutral</peer-button>
    <peer-button variant="danger" icon="trash">Delete key</peer-button>
    <peer-button variant="primary" loading>Saving</peer-button>
    <peer-button icon="paperclip" label="Attach files"></peer-button>
    <peer-button size="s" icon="reply">Reply</peer-button>
    <peer-icon name="shield-check" label="Trusted"></peer-icon>
    <peer-avatar name="Ann Lee" fingerprint="3f2a9c01" label="Ann Lee"></peer-avatar>
    <peer-presence status="connected"></peer-presence>
    <peer-presence status="connecting"></peer-presence>
    <peer-presence status="relayed"></peer-presence>
    <peer-presence status="offline"></peer-presence>
    <peer-alert variant="info">Ann joined the room.</peer-alert>
    <peer-alert variant="success" dismissible>Key created.</peer-alert>
    <peer-alert variant="warning" dismissible>Ben's key changed.</peer-alert>
    <peer-alert variant="danger" dismissible>Could not send.<peer-button slot="action" size="s">Retry</peer-button></peer-alert>
    <peer-copy-button value="A1B2" label="Copy fingerprint"></peer-copy-button>`;
  document.body.append(element);
  await Promise.all([...element.querySelectorAll('*')].map((each) => (each as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete));
  return element;
}

describe('blocks in light, dark and forced colours', function () {
  this.timeout(30_000);
  const mount = mountedPerTest();
  after(() => emulateMedia({ forcedColors: 'none' }));

  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: every text, icon, boundary and focus ring meets its contrast, and axe finds nothing`, async () => {
      const element = await stage(theme);
      mount(element);
      const report = contrastReport(element);
      // Text (ghost) buttons have no boundary by design: WCAG 1.4.11 asks that a control be
      // identifiable, and theirs is their icon or label, which the report measures (≥ 4.5:1).
      const textButtons = [...element.querySelectorAll('peer-alert[dismissible], peer-copy-button')].length;
      const borderless = report.failures.filter((failure) => /^boundary (peer-alert button\[button dismiss\]|peer-copy-button button\[button\]):/.test(failure));
      expect(borderless).to.have.length(textButtons);
      expect(report.failures.filter((failure) => !borderless.includes(failure))).to.deep.equal([]);
      expect(report.checked.text).to.be.at.least(12);
      expect(report.checked.focusRings).to.be.greaterThan(5);
      expect(await accessibilityViolations(element)).to.deep.equal([]);
    });
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: the dialogs (a password question with its error, a dangerous confirmation) meet their contrast`, async () => {
      const scope = document.createElement('div');
      scope.setAttribute('theme', theme);
      const dialog = document.createElement('peer-dialog');
      scope.append(dialog);
      mount(scope);
      const asked = dialog.requestText({ heading: 'Protect your key', message: 'Choose a passphrase.', label: 'Passphrase', validate: () => 'At least 8 characters' });
      while (!dialog.open) await new Promise((resolve) => requestAnimationFrame(resolve));
      dialog.shadowRoot!.querySelector('form')!.requestSubmit();
      await dialog.updateComplete;
      expect(dialog.shadowRoot!.querySelector('[part="error"]')).to.not.equal(null);
      const report = contrastReport(scope);
      expect(report.failures).to.deep.equal([]);
      // heading, message, label, error, two buttons; the field, the buttons and their focus rings
      expect(report.checked.text).to.be.at.least(6);
      expect(report.checked.boundaries).to.be.at.least(3);
      expect(report.checked.focusRings).to.be.at.least(3);
      dialog.close();
      await asked;
      const confirmed = dialog.confirmAction({ heading: 'Delete this key?', message: 'This cannot be undone.', confirmLabel: 'Delete key' });
      while (!dialog.open) await new Promise((resolve) => requestAnimationFrame(resolve));
      const second = contrastReport(scope);
      expect(second.failures).to.deep.equal([]);
      expect(second.checked.text).to.be.at.least(4);
      dialog.close();
      await confirmed;
    });
  }

  it('forced colours: buttons keep a border, and axe finds nothing', async () => {
    await emulateMedia({ forcedColors: 'active' });
    const element = await stage('light');
    mount(element);
    const neutral = element.querySelectorAll('peer-button')[1]!.shadowRoot!.querySelector('button')!;
    expect(getComputedStyle(neutral).borderTopStyle).to.equal('solid');
    // Presence dots in the system's text colour, whatever their status colour was.
    for (const badge of element.querySelectorAll('peer-presence')) {
      const [dot, word] = [badge.shadowRoot!.querySelector('.dot')!, badge.shadowRoot!.querySelector('.word')!];
      expect(getComputedStyle(dot).borderTopColor, badge.status).to.equal(getComputedStyle(word).color);
    }
    expect(await accessibilityViolations(element)).to.deep.equal([]);
  });
});
