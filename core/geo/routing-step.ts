import type { Kysely } from 'kysely';
import { insertRows } from '../db';
import { newRecordId, type AfterCreateHook, type BeforeCreateHook, type CompiledEntity, type CreateDraft } from '../entities';
import type { CaseRouter, RoutingDecision } from './case-router';
import type { CoordinateSystem } from './coordinates';

interface RoutingNote {
  decision: RoutingDecision;
  source?: { system: CoordinateSystem; lng: number; lat: number };
}

/** Cases (records with a workflow) that carry a location field are routed. */
export function routable(entity: CompiledEntity): boolean {
  return !!entity.workflow && entity.byField.has('location');
}

const asText = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Before insert: the case's point moves from its channel's coordinate system to the district's,
 * and, unless the caller named a unit, the router picks one. Rule: a caller who passes
 * `orgUnitId` decides (a grid worker reporting in their own grid, an import); otherwise the
 * location, then the address, then the dispatch queue decide. Either way the decision is kept.
 */
export function routeBeforeCreate(router: CaseRouter): BeforeCreateHook {
  return async (_trx, ctx, entity, drafts) => {
    if (!routable(entity)) return;
    for (const draft of drafts) routeDraft(router, draft, ctx.pointsInDistrictSystem ? router.system : undefined);
  };
}

function routeDraft(router: CaseRouter, draft: CreateDraft, pointSystem?: CoordinateSystem): void {
  const data = draft.data;
  const channel = asText(data.channel);
  const category = asText(data.category);
  const given = data.location as { lng: number; lat: number } | undefined;
  let source: RoutingNote['source'];
  if (given) {
    const system = pointSystem ?? router.systemOf(channel);
    source = { system, lng: given.lng, lat: given.lat };
    data.location = router.toDistrict(given, channel, system);
  }
  const decision =
    draft.orgUnitId === undefined
      ? router.route({ location: data.location as { lng: number; lat: number } | undefined, address: asText(data.address), category })
      : router.explicit(draft.orgUnitId, category);
  draft.orgUnitId ??= decision.unitId;
  draft.notes.routing = { decision, source } satisfies RoutingNote;
}

/** After insert: one case_routing row per case and a `routed` event on the routed ones. */
export function recordRouting(now: () => Date): AfterCreateHook {
  return async (trx, ctx, entity, records, drafts) => {
    if (!routable(entity)) return;
    const at = now();
    const iso = at.toISOString();
    const routings: Record<string, unknown>[] = [];
    const events: Record<string, unknown>[] = [];
    drafts.forEach((draft, i) => {
      const note = draft.notes.routing as RoutingNote | undefined;
      if (!note) return;
      const { decision, source } = note;
      const location = records[i].data.location as { lng: number; lat: number } | undefined;
      routings.push({
        entity: entity.name,
        record_id: records[i].id,
        at: iso,
        method: decision.method,
        unit_id: decision.unitId,
        grid_id: decision.gridId,
        distance_m: decision.distanceMetres,
        reason: JSON.stringify(decision.reason),
        departments: JSON.stringify(decision.departments),
        source_system: source?.system ?? null,
        source_lng: source?.lng ?? null,
        source_lat: source?.lat ?? null,
        lng: location?.lng ?? null,
        lat: location?.lat ?? null,
      });
      if (decision.method === 'explicit') return;
      events.push({
        id: newRecordId(at.getTime()),
        entity: entity.name,
        record_id: records[i].id,
        at: iso,
        actor_id: ctx.actor?.id ?? null,
        type: 'routed',
        transition: null,
        from_state: null,
        to_state: null,
        unit_id: decision.unitId,
        data: JSON.stringify({ method: decision.method, gridId: decision.gridId, distanceMetres: decision.distanceMetres, reason: decision.reason, departments: decision.departments }),
      });
    });
    await insertRows(trx, 'case_routing', routings);
    await insertRows(trx, 'case_event', events);
  };
}

export interface CaseRoutingRow {
  method: RoutingDecision['method'];
  unitId: string;
  gridId: string | null;
  distanceMetres: number | null;
  reason: RoutingDecision['reason'];
  departments: string[];
  source: { system: string; lng: number; lat: number } | null;
  location: { lng: number; lat: number } | null;
  at: string;
}

/** The stored routing decision of one case (the caller has checked the case is readable). */
export async function readRouting(db: Kysely<any>, entity: string, recordId: string): Promise<CaseRoutingRow | null> {
  const r = await db.selectFrom('case_routing').selectAll().where('entity', '=', entity).where('record_id', '=', recordId).executeTakeFirst();
  if (!r) return null;
  return {
    method: r.method,
    unitId: r.unit_id,
    gridId: r.grid_id ?? null,
    distanceMetres: r.distance_m === null ? null : Number(r.distance_m),
    reason: JSON.parse(r.reason),
    departments: r.departments ? JSON.parse(r.departments) : [],
    source: r.source_system ? { system: r.source_system, lng: Number(r.source_lng), lat: Number(r.source_lat) } : null,
    location: r.lng === null || r.lng === undefined ? null : { lng: Number(r.lng), lat: Number(r.lat) },
    at: r.at,
  };
}
