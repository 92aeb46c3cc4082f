import type { Kysely } from 'kysely';
import { ConflictError, type EntityRecord, type Lang, type PluginApi } from '../../core/plugin-sdk';
import type { MediationSettings } from './settings.generated';

export interface PanelSeat {
  role: string;
  userId: string;
  unitId: string;
}

/** The panel roles that sit for a dispute of this difficulty (settings.panelByDifficulty). */
export function seatsFor(settings: MediationSettings, difficulty: string): string[] {
  const byDifficulty = settings.panelByDifficulty as Record<string, string[] | undefined>;
  return byDifficulty[difficulty] ?? settings.panelRoles!;
}

/**
 * Draws the panel in the transition's transaction: for each seat, an enabled, available member
 * holding that role in the dispute's area (a unit on the path from the district down to the
 * dispute's unit), the one serving the closest area first, then the one sitting on the fewest open
 * panels. A seat nobody can take refuses the transition, naming the role.
 */
export async function drawPanel(plugin: PluginApi<MediationSettings>, trx: Kysely<any>, record: EntityRecord, lang: Lang): Promise<PanelSeat[]> {
  const { org } = plugin.runtime;
  const path = org.get(record.orgUnitId)?.path ?? '';
  const roles = seatsFor(plugin.settings, String(record.data.difficulty ?? 'routine'));
  const holders = await trx
    .selectFrom('user_role as r')
    .innerJoin('user as u', 'u.id', 'r.user_id')
    .leftJoin('md_availability as a', 'a.user_id', 'r.user_id')
    .select(['r.user_id', 'r.role', 'r.org_unit_id', 'u.disabled', 'a.available'])
    .where('r.role', 'in', roles)
    .execute();
  const load = new Map<string, number>();
  for (const row of await trx.selectFrom('md_panel').select(['user_id']).select((eb) => eb.fn.countAll<number>().as('n')).where('released_at', 'is', null).groupBy('user_id').execute()) {
    load.set(row.user_id, Number(row.n));
  }
  const seats: PanelSeat[] = [];
  const missing: string[] = [];
  for (const role of roles) {
    const candidates = holders
      .filter((h) => h.role === role && !truthy(h.disabled) && (h.available === null || h.available === undefined || truthy(h.available)))
      .filter((h) => !seats.some((s) => s.userId === h.user_id))
      .map((h) => ({ ...h, areaPath: org.get(h.org_unit_id)?.path ?? '' }))
      .filter((h) => h.areaPath && path.startsWith(h.areaPath))
      .sort((a, b) => b.areaPath.length - a.areaPath.length || (load.get(a.user_id) ?? 0) - (load.get(b.user_id) ?? 0) || a.user_id.localeCompare(b.user_id));
    if (!candidates.length) missing.push(role);
    else seats.push({ role, userId: candidates[0].user_id, unitId: candidates[0].org_unit_id });
  }
  if (missing.length) {
    const message = plugin.t(lang, 'noPanelMember', { roles: missing.map((r) => plugin.t(lang, `role.${r}`)).join(', ') });
    throw new ConflictError(message, missing.map((r) => ({ path: `/panel/${r}`, message, code: 'noPanelMember' })));
  }
  const now = plugin.now().toISOString();
  for (const seat of seats) {
    await trx.insertInto('md_panel').values({ mediation_id: record.id, user_id: seat.userId, role: seat.role, drawn_at: now, released_at: null }).execute();
    // The members read and act on the case through the assignedToMe scope.
    await trx.insertInto('record_assignment').values({ entity: 'mediationCase', record_id: record.id, unit_id: null, user_id: seat.userId, kind: 'panel', created_at: now }).execute();
  }
  return seats;
}

const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 't' || v === 'true';
