import { expect } from 'chai';
import { accepts, closerThan, degree, ensure, plan, wants, type MeshAction, type MeshState } from './planner.js';
import { ringNeighbors } from './topology.js';

/** Ten members named m0..m9 (ids sort in that order); this peer is m4 unless said otherwise; the smaller id offers. */
function state(overrides: Partial<MeshState> = {}): MeshState {
  const self = overrides.self ?? 'm4';
  const members = overrides.members ?? new Set(Array.from({ length: 10 }, (_, i) => `m${i}`).filter((id) => id !== self));
  return {
    self,
    offersTo: (id) => self < id,
    members,
    maxLinks: 4,
    ring: ringNeighbors(self, members),
    links: new Set(),
    creating: new Set(),
    chosen: new Set(),
    asked: new Set(),
    expecting: new Set(),
    relinking: new Set(),
    declined: new Map(),
    full: new Map(),
    suggestions: [],
    wasPartial: true,
    now: 1_000,
    random: () => 0,
    ...overrides,
  };
}

const ids = (actions: readonly MeshAction[], kind: MeshAction['kind']) => actions.filter((action) => action.kind === kind).map((action) => action.id);

describe('mesh planner', () => {
  it('a full mesh offers nothing on its own, and to every larger unlinked member when it shrinks back from a partial one', () => {
    const members = new Set(['m1', 'm2', 'm5', 'm6']);
    expect(plan(state({ members, wasPartial: false }))).to.deep.equal([]);
    const actions = plan(state({ members, links: new Set(['m5']) }));
    expect(actions).to.deep.equal([{ kind: 'offer', id: 'm6' }]);
  });

  it('keeps its ring: offers to the larger neighbour, waits for the smaller one', () => {
    const actions = plan(state());
    expect(ids(actions, 'offer')).to.include('m5');
    expect(ids(actions, 'offer')).not.to.include('m3');
    expect(ids(actions, 'ask')).not.to.include('m3');
  });

  it('picks the closest free suggested peer as a chord and asks it; a random member when nothing suggested fits', () => {
    const suggestions = [
      { id: 'm3', rtt: 1 },
      { id: 'm8', rtt: 5 },
      { id: 'm9', rtt: 9 },
    ];
    // m3 is a ring neighbour, so the closest chord is m8.
    const suggested = plan(state({ suggestions }));
    expect(ids(suggested, 'choose')).to.deep.equal(['m8']);
    expect(ids(suggested, 'ask')).to.deep.equal(['m8']);
    const declined = new Map([['m8', 5_000]]);
    const random = plan(state({ suggestions, declined, random: () => 0.99 }));
    expect(ids(random, 'choose')).to.deep.equal(['m9']);
    expect(ids(plan(state({ random: () => 0 })), 'choose')).to.deep.equal(['m0']);
  });

  it('leaves peers alone while they are full or declined, and picks them again once that memory ends', () => {
    const members = new Set(['m0', 'm3', 'm5', 'm6', 'm7', 'm8']);
    const memories = { full: new Map([['m0', 2_000]]), declined: new Map([['m6', 2_000], ['m7', 2_000], ['m8', 2_000]]) };
    expect(ids(plan(state({ members, ...memories })), 'choose')).to.deep.equal([]);
    expect(ids(plan(state({ members, ...memories, now: 2_000 })), 'choose')).to.have.length(1);
  });

  it('never keeps more than maxLinks: links nobody here picked go first, then its own chords, never the ring', () => {
    const links = new Set(['m3', 'm5', 'm0', 'm1', 'm8', 'm9']);
    const actions = plan(state({ links, chosen: new Set(['m8']) }));
    expect(ids(actions, 'unlink')).to.deep.equal(['m0', 'm1']);
    const crowded = plan(state({ links: new Set(['m3', 'm5', 'm8', 'm9', 'm0']), chosen: new Set(['m8', 'm9', 'm0']) }));
    expect(ids(crowded, 'unlink')).to.deep.equal(['m8']);
    expect(ids(crowded, 'unlink')).not.to.include.members(['m3', 'm5']);
  });

  it('counts asks and expected offers against the limit', () => {
    const busy = state({ links: new Set(['m3', 'm5']), asked: new Set(['m8']), expecting: new Set(['m1']) });
    expect(degree(busy)).to.equal(4);
    expect(ids(plan(busy), 'ask')).to.deep.equal([]);
  });

  it('takes a chord someone asks for only while there is room below the place kept for the ring', () => {
    const roomy = state({ links: new Set(['m3', 'm5']) });
    expect(accepts(roomy, 'm8').accept).to.equal(true);
    const full = state({ links: new Set(['m3', 'm5', 'm0']) });
    expect(accepts(full, 'm8')).to.deep.equal({ accept: false, actions: [] });
    expect(accepts(state({ links: new Set(['m3']), declined: new Map([['m8', 5_000]]) }), 'm8').accept).to.equal(false);
  });

  it('takes the offer of a chord it asked for in the place its ask holds, dropping nothing', () => {
    // Ring m3 and m5, a link nobody here picked (m0), and the ask for m8: the last place is m8's.
    const asking = state({ links: new Set(['m3', 'm5', 'm0']), chosen: new Set(['m8']), asked: new Set(['m8']) });
    expect(accepts(asking, 'm8')).to.deep.equal({ accept: true, actions: [] });
  });

  it('makes room for a ring neighbour by dropping a link nobody here picked', () => {
    const full = state({ links: new Set(['m0', 'm1', 'm8', 'm3']), chosen: new Set(['m8']) });
    const { accept, actions } = accepts(full, 'm5');
    expect(accept).to.equal(true);
    expect(ids(actions, 'unlink')).to.deep.equal(['m0']);
    expect(ids(ensure(full, 'm5'), 'offer')).to.deep.equal(['m5']);
  });

  it('wants its ring, its chords and its asks, and nobody who is not a member', () => {
    const view = state({ chosen: new Set(['m8']), asked: new Set(['m9']) });
    expect(['m3', 'm5', 'm8', 'm9'].every((id) => wants(view, id))).to.equal(true);
    expect(wants(view, 'm0')).to.equal(false);
    expect(wants(view, 'gone')).to.equal(false);
  });

  it('a replacement for a slow link is a free suggested peer at most 1/factor as far', () => {
    const suggestions = [
      { id: 'm8', rtt: 30 },
      { id: 'm9', rtt: 10 },
    ];
    expect(closerThan(state({ suggestions }), 50, 2)?.id).to.equal('m9');
    expect(closerThan(state({ suggestions, links: new Set(['m9']) }), 50, 2)).to.equal(undefined);
  });
});
