import { describe, expect, it } from 'vitest';
import { routeOf } from '../../../renderer/store';

/** A history entry (or the session's saved route) is used only when it is a valid route of the open workspace. */
describe('routes kept in history entries', () => {
  it('gives the route of the open workspace', () => {
    const route = { view: 'account', accountId: 3, section: 'kpis' };
    expect(routeOf({ workspaceId: 1, route }, 1)).toEqual(route);
    expect(routeOf({ workspaceId: 1, route: { view: 'portfolio' } }, 1)).toEqual({ view: 'portfolio' });
  });

  it("passes over another workspace's entry, an entry of another page and a malformed one", () => {
    expect(routeOf({ workspaceId: 2, route: { view: 'portfolio' } }, 1)).toBeNull();
    expect(routeOf(null, 1)).toBeNull();
    expect(routeOf({ some: 'state' }, 1)).toBeNull();
    expect(routeOf({ workspaceId: 1, route: { view: 'nowhere' } }, 1)).toBeNull();
    expect(routeOf({ workspaceId: 1, route: { view: 'account', accountId: '3' } }, 1)).toBeNull();
    expect(routeOf({ workspaceId: 1, route: { view: 'kpi', accountId: 3 } }, 1)).toBeNull();
  });
});
