export { routeTable, routeLabel } from "./route-table.js";
export { parseTraefikMatch } from "./traefik-match.js";
export { hostCovers } from "./from-ingress.js";
export type { Route, RouteBackend, RouteParent, RouteTls, PathMatch } from "./route.js";
