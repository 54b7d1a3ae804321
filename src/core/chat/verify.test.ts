import { expect } from 'chai';
import { ChatAuthor } from './message.js';
import { verifyChatBatch, verifyChatBatchHere, type VerifyBatch } from './verify.js';
import { identityNamed } from '../../../test/support/identities.js';

describe('chat batch verification', function () {
  this.timeout(60_000);

  it('a batch large enough for the worker pool gives, in order, the outcomes verifying here gives', async () => {
    const [ann, ben] = await Promise.all([identityNamed('Ann'), identityNamed('Ben')]);
    const where = { ns: 'peerkit-test', room: `verify-${Math.random()}` };
    const envs: string[] = [];
    for (let i = 0; i < 36; i++) envs.push((await new ChatAuthor(ann).compose({ ...where, text: `message ${i}`, now: 1_700_000_000_000 + i })).env);
    const fromBen = (await new ChatAuthor(ben).compose({ ...where, text: 'key not sent' })).env;
    const tampered = envs[5]!.slice(0, 60) + (envs[5]![60] === 'A' ? 'B' : 'A') + envs[5]!.slice(61);
    envs.splice(10, 0, fromBen, tampered, 'not an envelope');
    const batch: VerifyBatch = { ...where, envs, keys: { [ann.fingerprint]: ann.armoredPublicKey } };

    const { outcomes } = await verifyChatBatch(batch);
    expect(outcomes).to.deep.equal((await verifyChatBatchHere(batch)).outcomes);
    expect(outcomes).to.have.length(39);
    expect(outcomes.filter((outcome) => 'message' in outcome)).to.have.length(36);
    expect(outcomes[10]).to.have.property('code', 'unknown-signer');
    expect(outcomes[11]).to.have.property('code');
    expect(outcomes[12]).to.have.property('code');
    expect(outcomes[39 - 1]).to.have.nested.property('message.text', 'message 35');
  });
});
