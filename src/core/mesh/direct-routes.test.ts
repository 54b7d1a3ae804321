import { expect } from 'chai';
import { DirectRoutes, ROUTE_LIMITS } from './direct-routes.js';
import type { DirectFrame } from './relay-frame.js';

const idOf = (n: number): string => String(n).padStart(16, 'J');
const frameFor = (to: string, origin = 'ann', n = 0): DirectFrame => ({ i: idOf(n), t: 3, f: origin, o: to, e: 'envelope' });

/** A spread over `neighbors`, each link taking frames unless it is in `down`; returns the result and who got the frame. */
function spreadOver(routes: DirectRoutes, frame: DirectFrame, via: string | undefined, neighbors: readonly string[], down: readonly string[] = []) {
  const to: string[] = [];
  const result = routes.spread(frame, 'text', via, neighbors, (neighbor) => {
    if (down.includes(neighbor)) return false;
    to.push(neighbor);
    return true;
  });
  return { result, to };
}

describe('routes for messages to one peer', () => {
  it('goes straight to a recipient that is a neighbour, else along its route, else to every link but the one it came by and its origin', () => {
    const routes = new DirectRoutes();
    const neighbors = ['ann', 'ben', 'cat', 'dan'];
    expect(spreadOver(routes, frameFor('cat'), 'ben', neighbors)).to.deep.equal({ result: 'sent', to: ['cat'] });
    routes.learn('eve', 'dan');
    expect(spreadOver(routes, frameFor('eve'), 'ben', neighbors)).to.deep.equal({ result: 'sent', to: ['dan'] });
    // Never back where it came from: with the route through Ben, it floods.
    expect(spreadOver(routes, frameFor('eve'), 'dan', neighbors)).to.deep.equal({ result: 'sent', to: ['ben', 'cat'] });
    // Nor over a link that is down: the route's link is, so it floods.
    expect(spreadOver(routes, frameFor('eve'), 'ben', neighbors, ['dan'])).to.deep.equal({ result: 'sent', to: ['cat'] });
    // No link but the one it came by and its origin's, and the route's down: it went nowhere.
    expect(spreadOver(routes, frameFor('eve'), 'ben', ['ann', 'ben'], ['dan'])).to.deep.equal({ result: 'no-link', to: [] });
  });

  it('renews a route with each verified message, and forgets the routes through a neighbour that is gone', () => {
    const routes = new DirectRoutes();
    routes.learn('eve', 'dan');
    routes.learn('eve', 'cat');
    expect(spreadOver(routes, frameFor('eve'), undefined, ['cat', 'dan']).to).to.deep.equal(['cat']);
    routes.learn('fay', 'cat');
    routes.forgetNeighbor('cat');
    expect(routes.size).to.equal(0);
    routes.learn('eve', 'dan');
    routes.forgetOrigin('eve');
    expect(spreadOver(routes, frameFor('eve'), undefined, ['cat', 'dan']).to).to.deep.equal(['cat', 'dan']);
  });

  it("floods someone else's messages only within its origin's budget, and never charges ours", () => {
    const routes = new DirectRoutes();
    const neighbors = ['ben', 'cat', 'dan'];
    const flooded = (origin: string, via: string | undefined, count: number) =>
      Array.from({ length: count }, (_, n) => spreadOver(routes, frameFor('nobody', origin, n), via, neighbors).result).filter((result) => result === 'sent').length;
    expect(flooded('mal', 'cat', ROUTE_LIMITS.floodBurstPerOrigin + 5)).to.equal(ROUTE_LIMITS.floodBurstPerOrigin);
    expect(spreadOver(routes, frameFor('nobody', 'mal'), 'cat', neighbors).result).to.equal('over-budget');
    // Another origin through another neighbour still floods; ours always do.
    expect(flooded('ann', 'ben', 1)).to.equal(1);
    expect(flooded('me', undefined, 2 * ROUTE_LIMITS.floodBurst)).to.equal(2 * ROUTE_LIMITS.floodBurst);
  });

  it("holds one neighbour to its share of the floods, whatever origins it names", () => {
    const routes = new DirectRoutes();
    const neighbors = ['ben', 'cat', 'dan'];
    let sent = 0;
    for (let n = 0; n < ROUTE_LIMITS.floodBurstPerNeighbor + 10; n++) if (spreadOver(routes, frameFor('nobody', `throwaway-${n}`), 'cat', neighbors).result === 'sent') sent++;
    expect(sent).to.equal(ROUTE_LIMITS.floodBurstPerNeighbor);
    expect(spreadOver(routes, frameFor('nobody', 'ann'), 'ben', neighbors).result).to.equal('sent');
  });

  it('keeps a bounded share of the routes through one neighbour', () => {
    const routes = new DirectRoutes();
    routes.learn('dan', 'ann');
    for (let n = 0; n < ROUTE_LIMITS.maxRoutesPerNeighbor + 40; n++) routes.learn(`throwaway-${n}`, 'cat');
    expect(routes.size).to.equal(ROUTE_LIMITS.maxRoutesPerNeighbor + 1);
    expect(spreadOver(routes, frameFor('dan'), undefined, ['ann', 'cat']).to).to.deep.equal(['ann']);
  });
});
