import { expect } from 'chai';
import { accessibilityViolations } from '../../../test/support/axe.js';
import { mountedPerTest } from '../../../test/support/elements.js';
import type { AlertVariant, PeerAlertElement } from './alert.js';
import './define.js';

describe('<peer-alert>', () => {
  const mount = mountedPerTest();

  async function alertOf(variant: AlertVariant, text: string, configure: (alert: PeerAlertElement) => void = () => {}): Promise<PeerAlertElement> {
    const alert = document.createElement('peer-alert');
    alert.variant = variant;
    alert.textContent = text;
    configure(alert);
    mount(alert);
    await alert.updateComplete;
    return alert;
  }
  const base = (alert: PeerAlertElement) => alert.shadowRoot!.querySelector('[part="base"]')!;

  it('interrupts (role=alert) only when urgent; otherwise it is a polite status', async () => {
    const quiet = await alertOf('danger', 'Could not send.');
    const urgent = await alertOf('danger', 'Your key changed on another device.', (alert) => (alert.urgent = true));
    expect(base(quiet).getAttribute('role')).to.equal('status');
    expect(base(urgent).getAttribute('role')).to.equal('alert');
  });

  it('draws each variant with its own icon and colour, with no axe violations', async () => {
    const variants: AlertVariant[] = ['info', 'success', 'warning', 'danger'];
    const alerts = await Promise.all(variants.map((variant) => alertOf(variant, `${variant} message`, (alert) => (alert.dismissible = true))));
    const drawings = alerts.map((alert) => alert.shadowRoot!.querySelector('[part="base"] > svg')!.innerHTML);
    expect(new Set(drawings).size).to.equal(4);
    const edges = alerts.map((alert) => getComputedStyle(base(alert)).borderInlineStartColor);
    expect(new Set(edges).size).to.equal(4);
    for (const alert of alerts) expect(await accessibilityViolations(alert)).to.deep.equal([]);
  });

  it('has a place for an action, and a dismiss button that hides it unless the page cancels', async () => {
    const alert = await alertOf('danger', 'Could not send.', (each) => {
      each.dismissible = true;
      each.innerHTML = 'Could not send. <peer-button slot="action" size="s">Retry</peer-button>';
    });
    const action = alert.querySelector('peer-button')!;
    expect(action.assignedSlot!.name).to.equal('action');
    const dismiss = alert.shadowRoot!.querySelector<HTMLButtonElement>('[part~="dismiss"]')!;
    expect(dismiss.getAttribute('aria-label')).to.equal('Dismiss');
    const keep = (event: Event) => event.preventDefault();
    alert.addEventListener('peer-alert-dismiss', keep, { once: true });
    dismiss.click();
    await alert.updateComplete;
    expect(alert.open).to.equal(true);
    dismiss.click();
    await alert.updateComplete;
    expect(alert.open).to.equal(false);
    expect(getComputedStyle(alert).display).to.equal('none');
  });

  it('keeps its actions inside its box when they do not fit beside the message (they wrap to a line of their own)', async () => {
    const alert = document.createElement('peer-alert');
    alert.style.width = '420px';
    alert.innerHTML = 'Cannot reach the server. Next attempt in 1 second<span slot="action"><button>Retry now</button> <button>Change server…</button></span>';
    mount(alert);
    await alert.updateComplete;
    const box = alert.shadowRoot!.querySelector('[part="base"]')!.getBoundingClientRect();
    for (const action of alert.querySelectorAll('button')) {
      const edge = action.getBoundingClientRect();
      expect(edge.right, action.textContent!).to.be.at.most(box.right + 0.5);
      expect(edge.left, action.textContent!).to.be.at.least(box.left - 0.5);
    }
  });
});
