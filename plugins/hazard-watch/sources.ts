import type { Kysely } from 'kysely';
import { NotFoundError, type Lang, type PluginApi } from '../../core/plugin-sdk';
import { colourOf, COLOUR_HEX, overdueDays, type Colour } from './colours';
import { demoEnterprises } from './fixtures';
import type { HazardWatchSettings } from './settings.generated';

type Api = PluginApi<HazardWatchSettings>;

export interface SourceView {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  name: string;
  kind: string;
  grade: number;
  lng: number | null;
  lat: number | null;
  inService: boolean;
  lastInspectedAt: string | null;
  inspectionOverdueDays: number | null;
  openAlarms: { alarmId: string; severity: string; type: string; raisedAt: string; caseId: string | null }[];
  colour: Colour;
}

/** Every source with its colour, computed from the settings' rules at the runtime's clock. */
export async function sourcesWithColours(plugin: Api, filter: { enterpriseId?: string; colour?: Colour } = {}, db: Kysely<any> = plugin.runtime.db): Promise<SourceView[]> {
  let q = db
    .selectFrom('hw_source as s')
    .innerJoin('hw_enterprise as e', 'e.id', 's.enterprise_id')
    .select(['s.id', 's.enterprise_id', 'e.name as enterprise_name', 's.name', 's.kind', 's.grade', 's.lng', 's.lat', 's.in_service', 's.inspect_every_days', 's.last_inspected_at'])
    .orderBy('s.id');
  if (filter.enterpriseId) q = q.where('s.enterprise_id', '=', filter.enterpriseId);
  const rows = await q.execute();
  const alarms = await db.selectFrom('hw_alarm').select(['alarm_id', 'source_id', 'severity', 'type', 'raised_at', 'case_id']).where('status', '=', 'open').orderBy('raised_at').execute();
  const now = plugin.now();
  const { rules = [], defaultColour = 'blue' } = plugin.settings;
  const views = rows.map((r): SourceView => {
    const open = alarms.filter((a) => a.source_id === r.id).map((a) => ({ alarmId: a.alarm_id, severity: a.severity, type: a.type, raisedAt: a.raised_at, caseId: a.case_id ?? null }));
    const inService = Number(r.in_service) === 1;
    const overdue = overdueDays(r.last_inspected_at ?? null, Number(r.inspect_every_days), now);
    return {
      id: r.id, enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, name: r.name, kind: r.kind, grade: Number(r.grade),
      lng: r.lng === null ? null : Number(r.lng), lat: r.lat === null ? null : Number(r.lat),
      inService, lastInspectedAt: r.last_inspected_at ?? null, inspectionOverdueDays: overdue, openAlarms: open,
      colour: colourOf(rules, defaultColour, { inService, openAlarmSeverities: open.map((a) => a.severity), inspectionOverdueDays: overdue }),
    };
  });
  return filter.colour ? views.filter((v) => v.colour === filter.colour) : views;
}

const countColours = (views: SourceView[]) => {
  const counts: Record<Colour, number> = { red: 0, orange: 0, yellow: 0, blue: 0, grey: 0 };
  for (const v of views) counts[v.colour]++;
  return counts;
};

const DEMO_IDS = new Set(demoEnterprises.map((e) => e.id));

/** Enterprises with how many of their sources show each colour. */
export async function enterprisesWithColours(plugin: Api) {
  const views = await sourcesWithColours(plugin);
  const enterprises = await plugin.runtime.db.selectFrom('hw_enterprise').selectAll().orderBy('id').execute();
  return enterprises.map((e) => {
    const own = views.filter((v) => v.enterpriseId === e.id);
    // The demo enterprises' names are made up (the source gives only the counts): pages say so.
    return { id: e.id, name: e.name, unitId: e.unit_id, address: e.address, sources: own.length, colours: countColours(own), demo: DEMO_IDS.has(e.id) };
  });
}

/** The map layer: one point per source, coloured. */
export async function sourceLayer(plugin: Api) {
  const views = await sourcesWithColours(plugin);
  return {
    type: 'FeatureCollection' as const,
    features: views.filter((v) => v.lng !== null && v.lat !== null).map((v) => ({
      type: 'Feature' as const,
      id: v.id,
      geometry: { type: 'Point' as const, coordinates: [v.lng!, v.lat!] },
      properties: { name: v.name, enterprise: v.enterpriseName, grade: v.grade, colour: v.colour, hex: COLOUR_HEX[v.colour], openAlarms: v.openAlarms.length },
    })),
  };
}

/** The dashboard card: sources per colour, open alarms, and how fast alarms were cleared. */
export async function dashboardFigures(plugin: Api) {
  const views = await sourcesWithColours(plugin);
  const cleared = await plugin.runtime.db.selectFrom('hw_alarm').select('clear_minutes').where('status', '=', 'cleared').execute();
  const minutes = cleared.map((c) => Number(c.clear_minutes)).sort((a, b) => a - b);
  return {
    enterprises: new Set(views.map((v) => v.enterpriseId)).size,
    sources: views.length,
    colours: countColours(views),
    openAlarms: views.reduce((n, v) => n + v.openAlarms.length, 0),
    clearedAlarms: minutes.length,
    medianClearMinutes: minutes.length ? minutes[Math.floor((minutes.length - 1) / 2)] : null,
  };
}

export async function requireSource(plugin: Api, db: Kysely<any>, sourceId: string, lang: Lang) {
  const row = await db
    .selectFrom('hw_source as s')
    .innerJoin('hw_enterprise as e', 'e.id', 's.enterprise_id')
    .select(['s.id', 's.name', 's.enterprise_id', 'e.name as enterprise_name', 'e.unit_id', 'e.address', 's.lng', 's.lat'])
    .where('s.id', '=', sourceId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(plugin.t(lang, 'unknownSource', { id: sourceId }));
  return row;
}

/** Records an inspection of a source (clears an overdue-inspection colour). */
export async function recordInspection(plugin: Api, input: { sourceId: string; at?: string }, lang: Lang) {
  const at = input.at ?? plugin.now().toISOString();
  await plugin.runtime.db.transaction().execute(async (trx) => {
    await requireSource(plugin, trx, input.sourceId, lang);
    await trx.updateTable('hw_source').set({ last_inspected_at: at }).where('id', '=', input.sourceId).execute();
  });
  return (await sourcesWithColours(plugin)).find((v) => v.id === input.sourceId)!;
}

/** Takes a source out of service or back into it. */
export async function setInService(plugin: Api, input: { sourceId: string; inService: boolean }, lang: Lang) {
  await plugin.runtime.db.transaction().execute(async (trx) => {
    await requireSource(plugin, trx, input.sourceId, lang);
    await trx.updateTable('hw_source').set({ in_service: input.inService ? 1 : 0 }).where('id', '=', input.sourceId).execute();
  });
  return (await sourcesWithColours(plugin)).find((v) => v.id === input.sourceId)!;
}

/**
 * Loads the demo enterprises and sources; idempotent (existing ids are left alone). Each source was
 * last inspected a few days ago, so all start blue.
 */
export async function loadDemo(plugin: Api) {
  const now = plugin.now().getTime();
  let added = 0;
  await plugin.runtime.db.transaction().execute(async (trx) => {
    for (const e of demoEnterprises) {
      const r = await trx.insertInto('hw_enterprise').values({ id: e.id, name: e.name, unit_id: e.unitId, address: e.address, lng: e.lng, lat: e.lat }).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) continue;
      for (const [j, s] of e.sources.entries()) {
        await trx
          .insertInto('hw_source')
          .values({
            id: s.id, enterprise_id: e.id, name: s.name, kind: s.kind, grade: s.grade,
            lng: Math.round((e.lng + ((j % 3) - 1) * 0.0008) * 1e6) / 1e6, lat: Math.round((e.lat + (Math.floor(j / 3) - 1) * 0.0006) * 1e6) / 1e6,
            in_service: 1, inspect_every_days: s.inspectEveryDays, last_inspected_at: new Date(now - (j % 3) * 86_400_000).toISOString(),
          })
          .execute();
        added++;
      }
    }
  });
  return { enterprises: demoEnterprises.length, sourcesAdded: added };
}

export interface AlarmView {
  alarmId: string;
  sourceId: string;
  sourceName: string;
  enterpriseName: string;
  type: string;
  severity: string;
  raisedAt: string;
  caseId: string | null;
  status: 'open' | 'cleared';
  clearedAt: string | null;
  /** Minutes from the alarm to its all-clear; for an open alarm, minutes open so far (at the runtime's clock). */
  minutes: number;
  clearNote: string | null;
}

/** Alarms, newest first: one source's history, or the open ones across all sources. */
export async function alarmList(plugin: Api, filter: { sourceId?: string; status?: 'open' | 'cleared' }, lang: Lang): Promise<AlarmView[]> {
  const { db } = plugin.runtime;
  if (filter.sourceId) await requireSource(plugin, db, filter.sourceId, lang);
  let q = db
    .selectFrom('hw_alarm as a')
    .innerJoin('hw_source as s', 's.id', 'a.source_id')
    .innerJoin('hw_enterprise as e', 'e.id', 's.enterprise_id')
    .select(['a.alarm_id', 'a.source_id', 's.name as source_name', 'e.name as enterprise_name', 'a.type', 'a.severity', 'a.raised_at', 'a.case_id', 'a.status', 'a.cleared_at', 'a.clear_minutes', 'a.clear_note'])
    .orderBy('a.raised_at', 'desc')
    .orderBy('a.alarm_id')
    .limit(500);
  if (filter.sourceId) q = q.where('a.source_id', '=', filter.sourceId);
  if (filter.status) q = q.where('a.status', '=', filter.status);
  const now = plugin.now().getTime();
  return (await q.execute()).map((r) => ({
    alarmId: r.alarm_id, sourceId: r.source_id, sourceName: r.source_name, enterpriseName: r.enterprise_name, type: r.type, severity: r.severity,
    raisedAt: r.raised_at, caseId: r.case_id ?? null, status: r.status, clearedAt: r.cleared_at ?? null,
    minutes: r.status === 'cleared' ? Number(r.clear_minutes) : Math.max(0, Math.floor((now - new Date(r.raised_at).getTime()) / 60_000)),
    clearNote: r.clear_note ?? null,
  }));
}
