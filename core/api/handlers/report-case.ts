import type { UserProfile } from '../../auth';
import type { EntityRecord, ServiceContext } from '../../entities';
import { ValidationError } from '../../errors';
import { t } from '../../i18n';
import type { Runtime } from '../../runtime';

export interface ReportInput {
  entity: string;
  data: Record<string, unknown>;
  channel?: string;
}

/**
 * A case reported from the app (a grid worker's phone or a resident's page). The server, not the
 * reporter, fills the channel and the time; the case goes to the grid of its location.
 */
export async function reportCase(runtime: Runtime, ctx: ServiceContext, principal: UserProfile, input: ReportInput): Promise<EntityRecord> {
  const { district } = runtime.bundle;
  const internal = district.channels.filter((c) => c.kind === 'internal');
  const channel = input.channel ?? defaultChannel(runtime, principal, internal.map((c) => c.key));
  if (!internal.some((c) => c.key === channel)) {
    const message = t(ctx.lang, 'validation.channelNotInternal', { channel: String(channel) });
    throw new ValidationError(message, [{ path: '/channel', message, code: 'channelNotInternal' }]);
  }
  const data: Record<string, unknown> = { ...input.data, channel, reportedAt: runtime.now().toISOString() };
  const location = data.location as { lng?: unknown; lat?: unknown } | undefined;
  const point = location && typeof location.lng === 'number' && typeof location.lat === 'number' ? { lng: location.lng, lat: location.lat } : undefined;
  // A located case is placed by geo routing (its before-create hook converts the point from the
  // channel's coordinate system and finds the grid); naming a unit here would override it. A case
  // without a location stays in the reporter's unit.
  const own = principal.assignments[0]?.unitId ?? runtime.org.root()?.id ?? '';
  const orgUnitId = point ? undefined : own;
  return runtime.entities.create({ ...ctx, pointsInDistrictSystem: true }, input.entity, { orgUnitId, data });
}

/** Staff (roles tied to org levels) report on the first internal channel, residents on the next. */
function defaultChannel(runtime: Runtime, principal: UserProfile, internal: string[]): string | undefined {
  const roles = runtime.bundle.district.roles;
  const staff = principal.assignments.some((a) => roles.find((r) => r.key === a.role)?.levels?.length);
  return staff || internal.length < 2 ? internal[0] : internal[1];
}
