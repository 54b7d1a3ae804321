import { expect } from 'chai';
import { mountedPerTest } from '../../../test/support/elements.js';
import { formatFor } from '../localize/format.js';
import { relativeTimeTickerRunning, type PeerRelativeTimeElement } from './relative-time.js';
import './define.js';

describe('<peer-relative-time>', () => {
  const mount = mountedPerTest();

  const shown = (element: PeerRelativeTimeElement) => element.shadowRoot!.querySelector('time')!;

  it('shows the distance in its lang, the full time as its title; one timer serves all, and stops with the last', async () => {
    const time = Date.now() - 3 * 60_000;
    const [english, german] = ['en', 'de'].map((lang) => {
      const element = document.createElement('peer-relative-time');
      element.datetime = time;
      element.setAttribute('lang', lang);
      mount(element);
      return element;
    });
    await Promise.all([english!.updateComplete, german!.updateComplete]);
    expect(shown(english!).textContent).to.equal('3 minutes ago');
    expect(shown(german!).textContent).to.equal('vor 3 Minuten');
    expect(shown(english!).title).to.equal(formatFor('en').dateTime(time));
    expect(shown(english!).dateTime).to.equal(new Date(time).toISOString());
    expect(relativeTimeTickerRunning()).to.equal(true);
    english!.remove();
    german!.remove();
    expect(relativeTimeTickerRunning()).to.equal(false);
  });

  it('keeps counting: a time seconds old reads anew after a tick', async () => {
    const element = document.createElement('peer-relative-time');
    element.setAttribute('lang', 'en');
    element.datetime = Date.now() - 58_000;
    mount(element);
    await element.updateComplete;
    const first = shown(element).textContent;
    // Wait for the text to change (the shared timer re-renders it), not for a fixed time.
    await new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        observer.disconnect();
        resolve();
      });
      observer.observe(element.shadowRoot!, { subtree: true, characterData: true, childList: true });
    });
    expect(shown(element).textContent).to.not.equal(first);
  });

  it('an unreadable datetime shows nothing rather than "Invalid Date"', async () => {
    const element = document.createElement('peer-relative-time');
    element.setAttribute('datetime', 'yesterday-ish');
    mount(element);
    await element.updateComplete;
    expect(shown(element)).to.equal(null);
  });
});
