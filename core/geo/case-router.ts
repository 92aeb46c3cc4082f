import type { DistrictBundle } from '../config';
import type { MessageKey } from '../i18n';
import type { OrgDirectory } from '../org';
import { AddressMatcher } from './address-matcher';
import { convertPoint, type CoordinateSystem } from './coordinates';
import { DepartmentRules } from './department-rules';
import { GridIndex } from './grid-index';

export type RoutingMethod = 'polygon' | 'nearest' | 'address' | 'manual' | 'explicit';

export interface RoutingDecision {
  method: RoutingMethod;
  unitId: string;
  gridId: string | null;
  distanceMetres: number | null;
  /** Why, as a message key and its parameters: rendered in the reader's language. */
  reason: { key: MessageKey; params: Record<string, string | number> };
  /** Handling departments by the category rules (the dispatcher's default choice). */
  departments: string[];
}

export interface RoutingInput {
  /** In the district's coordinate system (see toDistrict). */
  location?: { lng: number; lat: number };
  address?: string;
  category?: string;
}

export const DEFAULT_NEAREST_METRES = 200;

/**
 * Decides where a new case goes, in order: the grid whose polygon holds its point, the nearest
 * grid within the configured distance, the area named in its address, else the command
 * centre's dispatch queue for manual assignment. Pure and in memory: the hot create path pays
 * microseconds, no queries.
 */
export class CaseRouter {
  readonly grids: GridIndex;
  private readonly address: AddressMatcher;
  private readonly departments: DepartmentRules;
  private readonly nearestMetres: number;
  private readonly manualUnit: string;
  private readonly channelSystems = new Map<string, CoordinateSystem>();
  private readonly districtSystem: CoordinateSystem;

  constructor(bundle: DistrictBundle, org: OrgDirectory) {
    const { district } = bundle;
    this.grids = new GridIndex(bundle.units.filter((u) => u.geometry).map((u) => ({ id: u.id, geometry: u.geometry! })));
    this.address = new AddressMatcher(org.all(), district.routing?.addressAliases ?? [], (id) => org.get(id));
    this.departments = new DepartmentRules(district.categories);
    this.nearestMetres = district.routing?.nearestWithinMetres ?? DEFAULT_NEAREST_METRES;
    this.manualUnit = district.routing?.manualUnit ?? topCommandCentre(org) ?? org.root()!.id;
    this.districtSystem = district.coordinateSystem as CoordinateSystem;
    for (const c of district.channels) this.channelSystems.set(c.key, (c.coordinateSystem ?? this.districtSystem) as CoordinateSystem);
  }

  /** The system a channel's points arrive in (the district's when the channel names none). */
  systemOf(channel: string | undefined): CoordinateSystem {
    return (channel && this.channelSystems.get(channel)) || this.districtSystem;
  }

  /** A point in the district's coordinate system, from its channel's (or the given) system. */
  toDistrict(point: { lng: number; lat: number }, channel: string | undefined, system: CoordinateSystem = this.systemOf(channel)): { lng: number; lat: number } {
    return convertPoint(point.lng, point.lat, system, this.districtSystem);
  }

  /** The district's own system: what the web app's map pins and browser positions are in. */
  get system(): CoordinateSystem {
    return this.districtSystem;
  }

  route(input: RoutingInput): RoutingDecision {
    const departments = this.departments.departmentsFor(input.category);
    const decide = (method: RoutingMethod, unitId: string, key: MessageKey, params: Record<string, string | number>, gridId: string | null = null, distanceMetres: number | null = null): RoutingDecision => ({
      method,
      unitId,
      gridId,
      distanceMetres,
      reason: { key, params },
      departments,
    });
    const point = input.location;
    if (point) {
      const inside = this.grids.locate(point.lng, point.lat);
      if (inside) return decide('polygon', inside, 'routing.polygon', { grid: inside }, inside, 0);
      const near = this.grids.nearest(point.lng, point.lat, this.nearestMetres);
      if (near) {
        const metres = Math.round(near.distanceMetres);
        return decide('nearest', near.gridId, 'routing.nearest', { grid: near.gridId, metres, limit: this.nearestMetres }, near.gridId, metres);
      }
    }
    const named = this.address.match(input.address);
    if (named) return decide('address', named.unitId, point ? 'routing.addressOutside' : 'routing.address', { unit: named.unitId, matched: named.matched, limit: this.nearestMetres });
    const why: MessageKey = point ? 'routing.manualOutside' : input.address ? 'routing.manualAddress' : 'routing.manualNothing';
    return decide('manual', this.manualUnit, why, { limit: this.nearestMetres });
  }

  /** The decision recorded when the reporter chose the unit themselves. */
  explicit(unitId: string, category: string | undefined): RoutingDecision {
    return { method: 'explicit', unitId, gridId: null, distanceMetres: null, reason: { key: 'routing.explicit', params: { unit: unitId } }, departments: this.departments.departmentsFor(category) };
  }
}

/** The command centre nearest the root: where unroutable cases wait for a dispatcher. */
function topCommandCentre(org: OrgDirectory): string | undefined {
  let best: { id: string; depth: number } | undefined;
  for (const u of org.all()) if (u.kind === 'commandCentre' && (!best || u.depth < best.depth)) best = u;
  return best?.id;
}
