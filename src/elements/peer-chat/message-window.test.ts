import { expect } from 'chai';
import { MessageWindow } from './message-window.js';

describe('MessageWindow', () => {
  it('starts with the newest page and follows new messages until it holds followMax rows, then slides', () => {
    const window = new MessageWindow(100, 300, 150);
    expect(window.range(10_000)).to.deep.equal({ start: 9_900, end: 10_000 });
    expect(window.range(10_050)).to.deep.equal({ start: 9_900, end: 10_050 });
    for (let length = 10_100; length <= 10_500; length += 50) window.range(length);
    expect(window.range(10_500)).to.deep.equal({ start: 10_350, end: 10_500 });
    // More than a page at once starts again from the newest page.
    expect(window.range(11_000)).to.deep.equal({ start: 10_900, end: 11_000 });
    expect(window.range(50)).to.deep.equal({ start: 0, end: 50 });
  });

  it('scrolling back through a whole log never holds more than max rows, and reaches the first message', () => {
    const window = new MessageWindow(100, 300);
    const length = 10_000;
    let range = window.range(length);
    while (window.hasOlder) {
      window.older(length);
      range = window.range(length);
      expect(range.end - range.start).to.be.at.most(300);
    }
    expect(range).to.deep.equal({ start: 0, end: 300 });
    expect(window.following).to.equal(false);
    expect(window.hasNewer(length)).to.equal(true);
    while (window.hasNewer(length)) {
      window.newer(length);
      range = window.range(length);
      expect(range.end - range.start).to.be.at.most(300);
    }
    expect(range).to.deep.equal({ start: 9_700, end: 10_000 });
    expect(window.following).to.equal(true);
  });

  it('while the reader is back in the log, new messages do not move the window; latest() returns to the newest page', () => {
    const window = new MessageWindow(100, 300);
    window.range(1_000);
    for (let i = 0; i < 4; i++) window.older(1_000);
    const back = window.range(1_000);
    expect(window.range(1_200)).to.deep.equal(back);
    window.latest();
    expect(window.range(1_200)).to.deep.equal({ start: 1_100, end: 1_200 });
  });

  it('refuses a page larger than the window', () => {
    expect(() => new MessageWindow(100, 50)).to.throw(RangeError);
  });
});
