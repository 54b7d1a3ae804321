import { expect } from 'chai';
import { LitElement, html } from 'lit';
import { LazyPart } from './lazy-part.js';

/**
 * Imports a module that throws as it loads: the import fails, as one does offline. (Through
 * Function, so the dev server does not rewrite it: a rewritten import pulls in its HMR client.)
 */
const importFailing = new Function('return import(\'data:text/javascript,throw new Error("offline")\')') as () => Promise<{ readonly LazyPart: unknown }>;

/** A host whose part's import fails (a module that throws as it loads) until `missing` is cleared. */
class LazyHost extends LitElement {
  missing = true;
  readonly code = new LazyPart<{ readonly LazyPart: unknown }>(this, {
    // Real imports both: one the browser fails (as when offline), then this test's own dependency.
    load: () => (this.missing ? importFailing() : import('./lazy-part.js')),
    what: 'the test part',
    failed: (message) => this.dispatchEvent(new CustomEvent('peer-error', { detail: { code: 'load-failed', message }, bubbles: true, composed: true })),
  });

  protected override render() {
    return html`${this.code.module ? 'loaded' : 'waiting'}`;
  }
}
customElements.define('lazy-part-host', LazyHost);

describe('LazyPart', () => {
  it('reports a failed load as peer-error load-failed, tries again on the next use, and renders the host once the module is here', async () => {
    const host = document.createElement('lazy-part-host') as LazyHost;
    document.body.append(host);
    after(() => host.remove());
    await host.updateComplete;
    const errors: { code: string; message: string }[] = [];
    const onError = (event: Event) => errors.push((event as CustomEvent<{ code: string; message: string }>).detail);
    document.addEventListener('peer-error', onError);
    after(() => document.removeEventListener('peer-error', onError));

    let failure: unknown;
    await host.code.load().catch((error: unknown) => (failure = error));
    expect(failure, 'the failed import rejects').to.be.instanceOf(Error);
    expect(errors.map((error) => error.code)).to.deep.equal(['load-failed']);
    expect(errors[0]!.message).to.match(/^the test part could not be loaded: /);
    expect(host.code.module).to.equal(undefined);
    expect(await host.code.settled(), 'nothing under way').to.equal(false);

    host.missing = false;
    host.code.prefetch();
    expect(await host.code.settled(), 'a load was under way').to.equal(true);
    expect(host.code.module?.LazyPart).to.equal(LazyPart);
    await host.updateComplete;
    expect(host.shadowRoot!.textContent).to.contain('loaded');
    expect(errors.length, 'no second error').to.equal(1);
  });
});
