/**
 * Toasts: a `<peer-alert>` that shows for a while in a stack at the viewport's bottom end (the
 * inline end in right-to-left pages) and goes by itself. Its clock stops while the pointer or the
 * focus is in it (WCAG 2.2.1), it can carry one action (Retry…) and is dismissible. Put the stack
 * in a themed subtree (`container`) so the toasts take that theme.
 */
import { defineElement } from '../peer-element.js';
import { PeerAlertElement, type AlertVariant } from './alert.js';
import { PeerButtonElement } from './peer-button.js';

export interface ToastOptions {
  /** Default `info`. */
  readonly variant?: AlertVariant;
  /** Interrupts screen readers (`role="alert"`): only for what must be heard now. */
  readonly urgent?: boolean;
  /** Milliseconds until it goes by itself (default 6000), counted while neither pointer nor focus is in it; 0 keeps it until dismissed. */
  readonly duration?: number;
  /** One action: a button that runs `onAction` and closes the toast. */
  readonly action?: { readonly label: string; readonly onAction: () => void };
  /** The element the stack goes into (default `document.body`). */
  readonly container?: Element;
}

const DEFAULT_DURATION_MS = 6000;

const stacks = new WeakMap<Element, HTMLElement>();

function stackIn(container: Element): HTMLElement {
  let stack = stacks.get(container);
  if (!stack?.isConnected) {
    stack = document.createElement('div');
    stack.className = 'peer-toast-stack';
    // Inline styles: the stack lives in the page's tree, where no stylesheet of ours applies.
    stack.style.cssText =
      'position: fixed; inset-block-end: var(--peer-space-m, 16px); inset-inline-end: var(--peer-space-m, 16px); z-index: 2147483000;' +
      'display: grid; gap: var(--peer-space-xs, 8px); width: min(24rem, calc(100vw - 2 * var(--peer-space-m, 16px)));';
    container.append(stack);
    stacks.set(container, stack);
  }
  return stack;
}

/** Shows `message` as a toast; returns its `<peer-alert>` (call `dismiss()` to close it early). */
export function toast(message: string, options: ToastOptions = {}): PeerAlertElement {
  defineElement('peer-alert', PeerAlertElement);
  defineElement('peer-button', PeerButtonElement);
  const stack = stackIn(options.container ?? document.body);
  const alert = document.createElement('peer-alert');
  alert.variant = options.variant ?? 'info';
  alert.urgent = options.urgent ?? false;
  alert.dismissible = true;
  alert.toast = true;
  alert.append(message);
  const close = () => {
    clearTimeout(timer);
    alert.remove();
    if (!stack.hasChildNodes()) stack.remove();
  };
  if (options.action) {
    const { label, onAction } = options.action;
    const action = document.createElement('peer-button');
    action.slot = 'action';
    action.size = 's';
    action.textContent = label;
    action.addEventListener('click', () => {
      close();
      onAction();
    });
    alert.append(action);
  }
  alert.addEventListener('peer-alert-dismiss', (event) => {
    // The page may cancel the dismissal; only a dismissal that happens removes the toast.
    queueMicrotask(() => {
      if (!event.defaultPrevented) close();
    });
  });

  const duration = options.duration ?? DEFAULT_DURATION_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    clearTimeout(timer);
    if (duration > 0) timer = setTimeout(close, duration);
  };
  const hold = () => clearTimeout(timer);
  alert.addEventListener('pointerenter', hold);
  alert.addEventListener('focusin', hold);
  alert.addEventListener('pointerleave', () => {
    if (!alert.matches(':focus-within')) run();
  });
  alert.addEventListener('focusout', (event) => {
    if (!alert.contains(event.relatedTarget as Node | null) && !alert.matches(':hover')) run();
  });
  stack.append(alert);
  run();
  return alert;
}
