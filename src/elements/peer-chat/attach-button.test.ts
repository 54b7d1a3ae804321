import { expect } from 'chai';
import { resetMouse, sendMouse } from '../../../test/support/browser-input.js';
import { centreOf } from '../../../test/support/block-host.js';
import { mountedPerTest, roomElement } from '../../../test/support/elements.js';
import './define.js';

/** Red, green and blue (0–1) of any computed colour, as the browser paints it. */
function channels(color: string): number[] {
  const context = document.createElement('canvas').getContext('2d')!;
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)].map((value) => value / 255);
}

describe('<peer-chat> attach button', () => {
  const mount = mountedPerTest();
  afterEach(() => resetMouse());

  /** A chat in a room with a key: its composer can send (a chat in no room says why it cannot). */
  async function chatInRoom(): Promise<HTMLElementTagNameMap['peer-chat']> {
    const room = await roomElement('Ann', { ns: `attach-${Math.random()}`, room: 'attach' });
    const chat = document.createElement('peer-chat');
    room.append(chat);
    mount(room);
    await room.updateComplete;
    return chat;
  }

  it('is the kit\'s icon button (a paperclip SVG, no emoji), named "Attach files", and opens the file picker', async () => {
    const chat = await chatInRoom();
    await chat.updateComplete;
    const attach = chat.shadowRoot!.querySelector<HTMLButtonElement>('[part~="attach"]')!;
    expect(attach.disabled).to.equal(false);
    expect(attach.tagName).to.equal('BUTTON');
    expect(attach.type).to.equal('button');
    expect(attach.getAttribute('aria-label')).to.equal('Attach files');
    expect(attach.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
    expect(attach.textContent!.trim(), 'no emoji or other text').to.equal('');
    const picker = chat.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(picker.hidden, 'the file input itself is no tab stop').to.equal(true);
    let opened = 0;
    picker.addEventListener('click', (event) => {
      opened++;
      event.preventDefault(); // no real file chooser in the test browser
    });
    await sendMouse({ type: 'click', position: centreOf(attach) });
    expect(opened).to.equal(1);
  });

  it('keeps the neutral button\'s hover: the chat\'s own button rules do not repaint it', async () => {
    const chat = document.createElement('peer-chat');
    chat.setAttribute('theme', 'light');
    // No colour transition: the computed colour is the hovered one at once.
    chat.style.setProperty('--peer-duration-fast', '0s');
    mount(chat);
    await chat.updateComplete;
    const attach = chat.shadowRoot!.querySelector<HTMLButtonElement>('[part~="attach"]')!;
    await sendMouse({ type: 'move', position: centreOf(attach) });
    const [r, g, b] = channels(getComputedStyle(attach).backgroundColor);
    // A light grey on the light theme, not the accent colour of the send button.
    expect(Math.min(r!, g!, b!), getComputedStyle(attach).backgroundColor).to.be.greaterThan(0.8);
  });
});
