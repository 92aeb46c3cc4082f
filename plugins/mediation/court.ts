import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createValidator, NotFoundError, systemContext, UnauthorizedError, type Lang, type PluginApi } from '../../core/plugin-sdk';
import type { MediationSettings } from './settings.generated';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** A key for the court's system; shown once, kept hashed. */
export async function issueCourtKey(plugin: PluginApi<MediationSettings>, label: string) {
  const key = randomBytes(24).toString('base64url');
  await plugin.runtime.db.insertInto('md_court_key').values({ key_hash: hashKey(key), label, created_at: plugin.now().toISOString() }).execute();
  return { key };
}

async function authenticateCourt(plugin: PluginApi<MediationSettings>, request: Request, lang: Lang) {
  const header = request.headers.get('authorization') ?? '';
  const key = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  const found = key && (await plugin.runtime.db.selectFrom('md_court_key').select('label').where('key_hash', '=', hashKey(key)).executeTakeFirst());
  if (!found) throw new UnauthorizedError(plugin.t(lang, 'badCourtKey'));
}

export interface CourtPush {
  courtRef: string;
  title: string;
  description?: string;
  orgUnitId: string;
  riskType?: string;
  difficulty?: string;
  parties?: { name: string; side: string; phone?: string }[];
}

const validatePush = createValidator<CourtPush>({
  type: 'object',
  properties: {
    courtRef: { type: 'string', minLength: 3, maxLength: 100 },
    title: { type: 'string' },
    description: { type: 'string' },
    orgUnitId: { type: 'string', minLength: 1, maxLength: 64 },
    riskType: { type: 'string' },
    difficulty: { type: 'string' },
    parties: { type: 'array' },
  },
  required: ['courtRef', 'title', 'orgUnitId'],
  additionalProperties: false,
});

/**
 * A dispute the court pushes for pre-litigation mediation (诉前调解): one mediation case per court
 * reference — a repeated push returns the case already opened. The record's own schema checks
 * the rest (title length, parties, enums) with field paths.
 */
export async function receiveCourtPush(plugin: PluginApi<MediationSettings>, request: Request, body: unknown, lang: Lang) {
  await authenticateCourt(plugin, request, lang);
  const push = validatePush(body, lang);
  const { runtime } = plugin;
  const entity = runtime.registry.get('mediationCase');
  return runtime.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom(entity.table).select(['id', 'status']).where('courtRef', '=', push.courtRef).where('deleted_at', 'is', null).executeTakeFirst();
    if (existing) return { mediationId: existing.id, status: existing.status, created: false };
    const { orgUnitId, ...data } = push;
    const record = await runtime.entities.createWithin(trx, systemContext(lang), 'mediationCase', { orgUnitId, data: { ...data, source: 'courtPush' } });
    return { mediationId: record.id, status: record.status, created: true };
  });
}

/** The court polls a case's state and outcome by its own reference. */
export async function courtCaseStatus(plugin: PluginApi<MediationSettings>, request: Request, courtRef: string, lang: Lang) {
  await authenticateCourt(plugin, request, lang);
  const entity = plugin.runtime.registry.get('mediationCase');
  const row = await plugin.runtime.db.selectFrom(entity.table).select(['id', 'status']).where('courtRef', '=', courtRef).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw new NotFoundError(plugin.t(lang, 'unknownCourtRef', { ref: courtRef }));
  const outcome = await plugin.runtime.db.selectFrom('md_outcome').selectAll().where('mediation_id', '=', row.id).executeTakeFirst();
  return { courtRef, mediationId: row.id, status: row.status, outcome: outcome ? { outcome: outcome.outcome, terms: outcome.terms, reason: outcome.reason, decidedAt: outcome.decided_at } : null };
}

/**
 * Delivers queued outcomes to the court's callback URL, each row with its own state: delivered on
 * a 2xx, otherwise attempts + 1 and the error kept, retried next run (failed after 10).
 */
export async function deliverToCourt(plugin: PluginApi<MediationSettings>, trx: Kysely<any>, send: typeof fetch = fetch) {
  const url = plugin.settings.courtReferral?.callbackUrl;
  if (!url) return;
  const rows = await trx.selectFrom('md_court_outbox').selectAll().where('status', '=', 'pending').orderBy('mediation_id').limit(50).execute();
  for (const row of rows) {
    let error: string | null = null;
    try {
      const res = await send(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: row.payload, signal: AbortSignal.timeout(10_000) });
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (e) {
      error = (e as Error).message;
    }
    const attempts = Number(row.attempts) + 1;
    await trx
      .updateTable('md_court_outbox')
      .set(error ? { attempts, last_error: error, status: attempts >= 10 ? 'failed' : 'pending' } : { attempts, last_error: null, status: 'delivered', delivered_at: plugin.now().toISOString() })
      .where('mediation_id', '=', row.mediation_id)
      .execute();
  }
}
