import type { Receiver } from '../../model/alertmanager/receiver.ts';
import type { Route } from '../../model/alertmanager/route.ts';
import type { LabelMatcher } from '../../model/selector.ts';
import { matcherList, matchesAll } from './route-matchers.ts';

/** A route an alert ends at: the route, its ancestors from the root, and the receiver it inherits. */
export interface RouteMatch {
  readonly route: Route;
  readonly path: readonly Route[];
  readonly receiver: Receiver;
}

/** Where Alertmanager sends an alert with these labels. */
export type AlertRouter = (labels: Readonly<Record<string, string>>) => RouteMatch[];

/** A route with its matchers read once (in label order), and its children likewise. */
interface MatchingRoute {
  readonly route: Route;
  readonly matchers: readonly LabelMatcher[];
  readonly children: readonly MatchingRoute[];
}

/**
 * Where Alertmanager sends an alert with these labels (dispatch.Route.Match): depth first, children
 * in order; a matching child without `continue` ends the search among its siblings; a route none
 * of whose children match takes the alert itself. The tree's matchers are read once, however many
 * alerts the router is given.
 */
export function alertRouter(root: Route & { readonly receiver: Receiver }): AlertRouter {
  const tree = matching(root);
  return (labels) => visit(tree, [], root.receiver, labels) ?? [];
}

function matching(route: Route): MatchingRoute {
  return { route, matchers: matcherList(route.matchers), children: (route.routes ?? []).map(matching) };
}

function visit(
  node: MatchingRoute,
  ancestors: readonly Route[],
  inherited: Receiver,
  labels: Readonly<Record<string, string>>,
): RouteMatch[] | undefined {
  if (!matchesAll(node.matchers, labels)) return undefined;
  const { route } = node;
  const receiver = route.receiver ?? inherited;
  const path = [...ancestors, route];
  const all: RouteMatch[] = [];
  for (const child of node.children) {
    const found = visit(child, path, receiver, labels);
    if (found === undefined) continue;
    all.push(...found);
    if (child.route.continue !== true) break;
  }
  return all.length > 0 ? all : [{ route, path, receiver }];
}

/** Every route of the tree with its ancestors, depth first. */
export function routesOf(root: Route): { readonly route: Route; readonly path: readonly Route[] }[] {
  const out: { route: Route; path: readonly Route[] }[] = [];
  const walk = (route: Route, ancestors: readonly Route[]): void => {
    const path = [...ancestors, route];
    out.push({ route, path });
    for (const child of route.routes ?? []) walk(child, path);
  };
  walk(root, []);
  return out;
}
