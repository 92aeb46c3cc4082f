import type { Kysely } from 'kysely';
import { decodeRecord, nextRun, newRecordId, type PluginApi } from '../../core/plugin-sdk';
import { elderRecord, openAlert } from './alerts';
import type { SilverCareSettings } from './settings.generated';

interface Medication {
  name: string;
  times: string[];
}

/** Every elder with medication reminders, read through the job's transaction. */
async function eldersWithMedication(plugin: PluginApi<SilverCareSettings>, trx: Kysely<any>) {
  const entity = plugin.runtime.registry.get('elder');
  const rows = await trx.selectFrom(entity.table).selectAll().where('deleted_at', 'is', null).execute();
  return rows
    .map((row) => decodeRecord(entity, row))
    .map((e) => ({ id: e.id, orgUnitId: e.orgUnitId, medications: (e.data.medications as Medication[] | undefined) ?? [] }))
    .filter((e) => e.medications.length);
}

/**
 * One pass of the medication schedule: doses that came due since the last pass are created with a
 * reminder to the elder's grid; doses still not taken `missedAfterMinutes` after their time become
 * missed-dose alerts. Each dose exists once (primary key), so overlapping passes change nothing.
 */
export async function medicationPass(plugin: PluginApi<SilverCareSettings>, trx: Kysely<any>) {
  const settings = plugin.settings.medication!;
  const now = plugin.now();
  const tz = plugin.runtime.bundle.district.timeZone;
  const since = new Date(now.getTime() - 2 * settings.checkEveryMinutes! * 60_000);
  const iso = now.toISOString();
  for (const elder of await eldersWithMedication(plugin, trx)) {
    for (const med of elder.medications) {
      for (const time of med.times) {
        const [h, m] = time.split(':').map(Number);
        const due = nextRun({ cron: `${m} ${h} * * *` }, since, tz);
        if (due > now) continue;
        const inserted = await trx
          .insertInto('sc_dose')
          .values({ elder_id: elder.id, medication: med.name, due_at: due.toISOString(), status: 'pending', taken_at: null })
          .onConflict((oc) => oc.columns(['elder_id', 'medication', 'due_at']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
          await trx
            .insertInto('notification')
            .values({ id: newRecordId(), entity: 'elder', record_id: elder.id, unit_id: elder.orgUnitId, role: 'gridWorker', kind: 'silverCare.medicationReminder', at: iso, data: JSON.stringify({ medication: med.name, dueAt: due.toISOString() }) })
            .execute();
        }
      }
    }
  }
  const overdue = await trx
    .selectFrom('sc_dose')
    .selectAll()
    .where('status', '=', 'pending')
    .where('due_at', '<', new Date(now.getTime() - settings.missedAfterMinutes! * 60_000).toISOString())
    .execute();
  for (const dose of overdue) {
    await trx.updateTable('sc_dose').set({ status: 'missed' }).where('elder_id', '=', dose.elder_id).where('medication', '=', dose.medication).where('due_at', '=', dose.due_at).execute();
    const elder = await elderRecord(plugin, trx, dose.elder_id, 'zh-CN');
    await openAlert(plugin, trx, { elderId: dose.elder_id, kind: 'missedDose', dedupeKey: `missedDose:${dose.elder_id}:${dose.medication}:${dose.due_at}`, detail: { medication: dose.medication, dueAt: dose.due_at } }, elder, 'zh-CN');
  }
}
