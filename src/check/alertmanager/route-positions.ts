import type { Route } from '../../model/alertmanager/route.ts';

/** Each route of the tree with its position (child indexes from the root) and its ancestors. */
export interface PositionedRoute {
  readonly route: Route;
  readonly position: readonly number[];
  readonly ancestors: readonly Route[];
}

export function positionedRoutes(root: Route): PositionedRoute[] {
  const out: PositionedRoute[] = [];
  const walk = (route: Route, position: readonly number[], ancestors: readonly Route[]): void => {
    out.push({ route, position, ancestors });
    (route.routes ?? []).forEach((child, index) => walk(child, [...position, index], [...ancestors, route]));
  };
  walk(root, [], []);
  return out;
}
