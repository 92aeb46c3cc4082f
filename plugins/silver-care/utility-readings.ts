import { createValidator, ValidationError, type Lang, type PluginApi } from '../../core/plugin-sdk';
import { elderRecord, openAlert, titleFor } from './alerts';
import { judgeSeries, type AnomalyRules } from './anomaly-detector';
import type { SilverCareSettings } from './settings.generated';

export interface Reading {
  elderId: string;
  day: string;
  meter: 'water' | 'electricity';
  value: number;
}

const validateReadings = createValidator<Reading[]>({
  type: 'array',
  minItems: 1,
  maxItems: 20000,
  items: {
    type: 'object',
    properties: {
      elderId: { type: 'string', minLength: 1, maxLength: 64 },
      day: { type: 'string', format: 'date' },
      meter: { enum: ['water', 'electricity'] },
      // Daily use: water in m³, electricity in kWh; a household day above 1000 is a meter error.
      value: { type: 'number', minimum: 0, maximum: 1000 },
    },
    required: ['elderId', 'day', 'meter', 'value'],
    additionalProperties: false,
  },
});

/** `elderId,day,meter,value` lines (a header line is allowed) into readings; bad lines are 400s naming the line. */
export function parseReadingsCsv(text: string): unknown[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  if (lines[0]?.toLowerCase().startsWith('elderid')) lines.shift();
  return lines.map((line) => {
    const [elderId, day, meter, value] = line.split(',').map((c) => c.trim());
    return { elderId, day, meter, value: value === undefined || value === '' || Number.isNaN(Number(value)) ? value : Number(value) };
  });
}

export const anomalyRules = (settings: SilverCareSettings): AnomalyRules => ({
  windowDays: settings.anomalyDetection!.windowDays!,
  minHistoryDays: settings.anomalyDetection!.minHistoryDays!,
  threshold: settings.anomalyDetection!.threshold!,
});

/**
 * Stores readings (a day read again replaces its value) and judges the new days of each elder's
 * meters against the elder's own history; an anomalous day opens one "水电异常" visit task per
 * elder and day, however many meters dropped.
 */
export async function importReadings(plugin: PluginApi<SilverCareSettings>, input: unknown, lang: Lang) {
  const readings = validateReadings(input, lang);
  const meters = new Set(plugin.settings.anomalyDetection!.meters!);
  const rules = anomalyRules(plugin.settings);
  return plugin.runtime.db.transaction().execute(async (trx) => {
    const elders = new Map<string, Awaited<ReturnType<typeof elderRecord>>>();
    for (const [i, r] of readings.entries()) {
      if (!elders.has(r.elderId)) {
        try {
          elders.set(r.elderId, await elderRecord(plugin, trx, r.elderId, lang));
        } catch {
          const message = plugin.t(lang, 'unknownElder', { id: r.elderId });
          throw new ValidationError(message, [{ path: `/${i}/elderId`, message, code: 'unknownElder' }]);
        }
      }
      await trx
        .insertInto('sc_reading')
        .values({ elder_id: r.elderId, meter: r.meter, day: r.day, value: r.value })
        .onConflict((oc) => oc.columns(['elder_id', 'meter', 'day']).doUpdateSet({ value: r.value }))
        .execute();
    }
    const newDays = new Map<string, Set<string>>();
    for (const r of readings) if (meters.has(r.meter)) newDays.set(`${r.elderId}|${r.meter}`, (newDays.get(`${r.elderId}|${r.meter}`) ?? new Set()).add(r.day));
    const anomalies: { elderId: string; day: string; meter: string; z: number; median: number; value: number }[] = [];
    for (const [key, days] of newDays) {
      const [elderId, meter] = key.split('|');
      const first = [...days].sort()[0];
      const from = new Date(new Date(first).getTime() - (rules.windowDays + rules.minHistoryDays) * 86_400_000).toISOString().slice(0, 10);
      const series = await trx.selectFrom('sc_reading').select(['day', 'value']).where('elder_id', '=', elderId).where('meter', '=', meter).where('day', '>=', from).orderBy('day').execute();
      for (const v of judgeSeries(series.map((s) => ({ day: s.day, value: Number(s.value) })), rules)) {
        if (v.anomalous && days.has(v.day)) anomalies.push({ elderId, day: v.day, meter, z: Number.isFinite(v.z) ? Math.round(v.z * 100) / 100 : -99, median: v.median, value: v.value });
      }
    }
    const tasks: string[] = [];
    for (const a of anomalies) {
      const elder = elders.get(a.elderId)!;
      const opened = await openAlert(plugin, trx, {
        elderId: a.elderId,
        kind: 'utilityAnomaly',
        dedupeKey: `utilityAnomaly:${a.elderId}:${a.day}`,
        caseFor: { title: titleFor(plugin, 'utilityTitle', elder, lang), category: plugin.settings.category!, channel: plugin.settings.anomalyDetection!.channel!, urgency: 'urgent', description: plugin.t(lang, 'utilityDetail', { day: a.day, meter: a.meter, value: a.value, median: a.median }) },
        detail: { day: a.day, meter: a.meter, value: a.value, median: a.median, z: a.z },
      }, elder, lang);
      if (opened.created && opened.caseId) tasks.push(opened.caseId);
    }
    return { stored: readings.length, anomalies, tasks };
  });
}
