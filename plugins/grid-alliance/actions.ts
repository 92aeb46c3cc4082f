import type { PluginApi, ServiceContext } from '../../core/plugin-sdk';
import { assertInAlliance, assertMember } from './alliance-units';
import type { GridAllianceSettings } from './settings.generated';

type Api = PluginApi<GridAllianceSettings>;

export interface ReportInput {
  orgUnitId: string;
  title: string;
  description?: string;
  category?: string;
  address?: string;
  memberId?: string;
}

/** 网格报事: a normal incident case on the alliance's channel, its source kept beside it. */
export async function reportThroughAlliance(plugin: Api, ctx: ServiceContext, input: ReportInput) {
  assertInAlliance(plugin, ctx.lang, input.orgUnitId, '/orgUnitId');
  if (input.memberId) await assertMember(plugin, ctx.lang, input.memberId);
  const now = plugin.now().toISOString();
  return plugin.runtime.db.transaction().execute(async (trx) => {
    const record = await plugin.runtime.entities.createWithin(trx, ctx, 'incidentCase', {
      orgUnitId: input.orgUnitId,
      data: {
        title: input.title,
        ...(input.description ? { description: input.description } : {}),
        ...(input.address ? { address: input.address } : {}),
        category: input.category ?? plugin.settings.reportCategory ?? 'civil',
        channel: plugin.settings.reportChannel ?? 'gridReport',
        sourceRef: `grid-alliance:${input.memberId ?? 'resident'}`.slice(0, 64),
        reportedAt: now,
      },
    });
    await trx.insertInto('ga_report').values({ record_id: record.id, member_id: input.memberId ?? null, reported_by: ctx.actor?.id ?? 'system', at: now }).execute();
    return record;
  });
}

export interface TaskInput {
  orgUnitId: string;
  title: string;
  memberId: string;
  serviceItemId?: string;
  sourceCaseId?: string;
}

/** 联动办事: a task for one member, on the allianceTask clocks (respond, complete). */
export async function assignTask(plugin: Api, ctx: ServiceContext, input: TaskInput) {
  assertInAlliance(plugin, ctx.lang, input.orgUnitId, '/orgUnitId');
  await assertMember(plugin, ctx.lang, input.memberId);
  if (input.sourceCaseId) await plugin.runtime.entities.get(ctx, 'incidentCase', input.sourceCaseId);
  const { orgUnitId, ...data } = input;
  return plugin.runtime.entities.create(ctx, 'allianceTask', { orgUnitId, data });
}
