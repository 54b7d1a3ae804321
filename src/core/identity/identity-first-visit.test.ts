// A first visit makes its key without kbpgp: no kbpgp module is fetched and no key worker starts.
// Its own file (its own page): the other identity tests load kbpgp on purpose.
import { expect } from 'chai';
import { Identity } from './identity.js';
import { open, seal } from '../envelope/envelope.js';
import { ReplayGuard } from '../envelope/replay-guard.js';
import { freshBrowserStore } from '../../../test/support/identities.js';

describe('Identity on a first visit', () => {
  it('creates, stores, loads and signs with a key without loading kbpgp or starting the key worker', async () => {
    const workers: string[] = [];
    const PageWorker = globalThis.Worker;
    globalThis.Worker = class extends PageWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        workers.push(String(url));
        super(url, options);
      }
    };
    try {
      const store = await freshBrowserStore('identity');
      const created = await Identity.create({ name: 'First Visit', store });
      const loaded = await Identity.load({ store });
      expect(loaded?.fingerprint).to.equal(created.fingerprint);
      expect(loaded?.name).to.equal('First Visit');
      const sealed = await seal(loaded!, { ns: 'n', room: 'r', to: 'me', type: 't', body: 'hi', includeKey: true });
      expect((await open(sealed, { ns: 'n', room: 'r', me: 'me', replay: new ReplayGuard() })).from).to.equal(created.fingerprint);
    } finally {
      globalThis.Worker = PageWorker;
    }
    const fetched = performance.getEntriesByType('resource').map((entry) => entry.name);
    // kbpgp's package and the Node shims loadKbpgp() imports before it (the loader module itself is tiny and static).
    expect(fetched.filter((url) => /\/kbpgp\/|node-shims/.test(url))).to.deep.equal([]);
    expect(workers).to.deep.equal([]);
  });
});
