export { GridIndex, type GridShape, type GridHit } from './grid-index';
export { convertPoint, type CoordinateSystem } from './coordinates';
export { AddressMatcher, type AddressMatch } from './address-matcher';
export { DepartmentRules } from './department-rules';
export { CaseRouter, DEFAULT_NEAREST_METRES, type RoutingDecision, type RoutingMethod, type RoutingInput } from './case-router';
export { routeBeforeCreate, recordRouting, readRouting, routable, type CaseRoutingRow } from './routing-step';
export { ringContains, polygonContains, distanceToPolygonMetres, planarDistanceMetres, metresToDegrees } from './polygon-geometry';
