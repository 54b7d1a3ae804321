import { expect } from 'chai';
import { resetMouse, sendMouse } from '../../../test/support/browser-input.js';
import { accessibilityViolations } from '../../../test/support/axe.js';
import { centreOf } from '../../../test/support/block-host.js';
import { domCondition } from '../../../test/support/elements.js';
import { toast } from './toast.js';

describe('toast()', () => {
  afterEach(async () => {
    await resetMouse();
    document.querySelectorAll('.peer-toast-stack').forEach((stack) => stack.remove());
  });

  it('shows a polite alert at the bottom end that goes by itself, and takes its stack with the last one', async () => {
    const shown = toast('Key exported.', { variant: 'success', duration: 100 });
    await shown.updateComplete;
    const stack = document.querySelector<HTMLElement>('.peer-toast-stack')!;
    expect(shown.parentElement).to.equal(stack);
    expect(getComputedStyle(stack).position).to.equal('fixed');
    expect(shown.shadowRoot!.querySelector('[part="base"]')!.getAttribute('role')).to.equal('status');
    expect(shown.textContent).to.equal('Key exported.');
    expect(await accessibilityViolations(shown)).to.deep.equal([]);
    await domCondition(document.body, () => !shown.isConnected);
    expect(stack.isConnected).to.equal(false);
  });

  it('runs its action once and closes; the page can cancel a dismissal', async () => {
    let retries = 0;
    const failed = toast('Could not send.', { variant: 'danger', duration: 0, action: { label: 'Retry', onAction: () => retries++ } });
    await failed.updateComplete;
    const retry = failed.querySelector('peer-button')!;
    await retry.updateComplete;
    expect(retry.assignedSlot!.name).to.equal('action');
    await sendMouse({ type: 'click', position: centreOf(retry.shadowRoot!.querySelector('button')!) });
    expect(retries).to.equal(1);
    expect(failed.isConnected).to.equal(false);

    const kept = toast('Ben joined.', { duration: 0 });
    await kept.updateComplete;
    kept.addEventListener('peer-alert-dismiss', (event) => event.preventDefault(), { once: true });
    kept.dismiss();
    await Promise.resolve();
    expect(kept.isConnected, 'cancelled').to.equal(true);
    kept.dismiss();
    await domCondition(document.body, () => !kept.isConnected);
  });

  it('its clock stops while the focus is in it', async () => {
    const held = toast('Ann left.', { duration: 100 });
    await held.updateComplete;
    const dismiss = held.shadowRoot!.querySelector<HTMLButtonElement>('[part~="dismiss"]')!;
    dismiss.focus();
    // Outlive the duration by a margin, waiting for frames (the toast's own clock is the thing under test).
    const until = performance.now() + 400;
    while (performance.now() < until) await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(held.isConnected).to.equal(true);
    dismiss.blur();
    await domCondition(document.body, () => !held.isConnected);
  });
});
