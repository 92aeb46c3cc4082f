import { sql, type Kysely } from 'kysely';
import type { DistrictBundle } from '../config';
import { insertRows } from '../db';
import { newRecordId, systemContext, type CompiledEntity, type EntityRecord, type ServiceContext } from '../entities';
import { planarDistanceMetres } from '../geo';
import type { WorkflowEngine } from '../workflow';
import { duplicateSettings, riskRank, riskSettings, type DuplicateSettings, type RiskSettings } from './duplicate-settings';
import { cellOf, cellsAround } from './place-cells';
import { bands, fromHex, minhash, similarity, toHex } from './minhash';

interface Signal {
  category: string | null;
  channel: string | null;
  reportedAt: string;
  lng: number | null;
  lat: number | null;
  cell: string | null;
  hash: string | null;
}

interface Neighbour {
  id: string;
  channel: string | null;
  reportedAt: string;
  distanceMetres: number | null;
  textSimilarity: number | null;
  riskLevel: unknown;
}

export interface DetectorDeps {
  bundle: DistrictBundle;
  workflow: WorkflowEngine;
  audit: (db: Kysely<any>, entries: import('../audit').AuditEntryInput[]) => Promise<void>;
  now: () => Date;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A new case links to at most this many candidates of each kind: a cluster, not a flood. */
const MAX_CANDIDATES = 20;
/** Band rows read per band and lookup (the newest). */
const ROWS_PER_BAND = 30;

/**
 * On every new case: open cases of the same category close in space and time, and open cases of
 * near-identical text, become duplicate candidates; signals about one place or subject from
 * several channels raise the risk level and may escalate. Every lookup is an indexed query
 * (category + place cell + time, or MinHash band + time), never a scan.
 */
export class DuplicateDetector {
  private readonly settings: DuplicateSettings;
  private readonly risk: RiskSettings | undefined;

  constructor(private readonly deps: DetectorDeps) {
    this.settings = duplicateSettings(deps.bundle.district);
    this.risk = riskSettings(deps.bundle.district);
  }

  /** The after-create step (runs in the create transaction, after routing converted points). */
  async onCreated(trx: Kysely<any>, ctx: ServiceContext, entity: CompiledEntity, records: EntityRecord[]): Promise<void> {
    if (!entity.workflow) return;
    // One at a time: a batch holding two reports of one thing links them like separate posts.
    for (const record of records) {
      const signal = signalOf(record);
      const nearby = signal.cell && signal.category ? await this.nearby(trx, entity, signal, this.settings.withinMetres, this.settings.windowHours * HOUR, { category: signal.category }) : [];
      const similar = signal.hash ? await this.similarText(trx, entity, signal, this.settings.textWindowDays * DAY) : [];
      await this.store(trx, entity, record.id, signal);
      await this.link(trx, ctx, entity, record, nearby, similar);
      if (this.risk && entity.byField.has('riskLevel')) await this.assessRisk(trx, ctx, entity, record, signal, similar, this.risk);
    }
  }

  private async store(trx: Kysely<any>, entity: CompiledEntity, id: string, s: Signal) {
    await trx
      .insertInto('case_signal')
      .values({ entity: entity.name, record_id: id, category: s.category, channel: s.channel, reported_at: s.reportedAt, lng: s.lng, lat: s.lat, cell: s.cell, minhash: s.hash })
      .execute();
    if (s.hash) await insertRows(trx, 'case_text_band', bands(fromHex(s.hash)).map((band) => ({ entity: entity.name, band, reported_at: s.reportedAt, record_id: id })));
  }

  /** Open cases within `metres` and `windowMs` of the signal (optionally of one category or some channels). */
  private async nearby(trx: Kysely<any>, entity: CompiledEntity, s: Signal, metres: number, windowMs: number, only: { category?: string; channels?: string[] }): Promise<Neighbour[]> {
    const at = Date.parse(s.reportedAt);
    const rows = await this.openSignals(trx, entity)
      .where('s.cell', 'in', cellsAround(s.lng!, s.lat!, metres))
      .$if(!!only.category, (qb) => qb.where('s.category', '=', only.category!))
      .$if(!!only.channels, (qb) => qb.where('s.channel', 'in', only.channels!))
      .where('s.reported_at', '>=', new Date(at - windowMs).toISOString())
      .where('s.reported_at', '<=', new Date(at + windowMs).toISOString())
      .limit(MAX_CANDIDATES * 5)
      .execute();
    return rows
      .map((r) => ({ ...neighbour(r), distanceMetres: planarDistanceMetres(s.lng!, s.lat!, Number(r.lng), Number(r.lat)) }))
      .filter((n) => n.distanceMetres <= metres)
      .sort((a, b) => a.distanceMetres - b.distanceMetres)
      .slice(0, MAX_CANDIDATES);
  }

  /**
   * Open cases whose text MinHash shares a band with this one and is similar enough. The band
   * lookup is index-only (the index covers record_id); the cases sharing most bands are checked.
   */
  private async similarText(trx: Kysely<any>, entity: CompiledEntity, s: Signal, windowMs: number): Promise<Neighbour[]> {
    const at = Date.parse(s.reportedAt);
    const own = fromHex(s.hash!);
    const from = new Date(at - windowMs).toISOString();
    const to = new Date(at + windowMs).toISOString();
    // The newest rows of each band only: a stock phrase shared by thousands of reports must not
    // turn one lookup into a scan. One statement, each part an index range read backwards.
    const perBand = bands(own).map(
      (band, i) =>
        sql`select record_id from (select record_id from case_text_band where entity = ${entity.name} and band = ${band} and reported_at >= ${from} and reported_at <= ${to} order by reported_at desc limit ${ROWS_PER_BAND}) as ${sql.raw(`b${i}`)}`,
    );
    const { rows: bandRows } = await sql<{ record_id: string }>`${sql.join(perBand, sql` union all `)}`.execute(trx);
    const hitCount = new Map<string, number>();
    for (const r of bandRows) hitCount.set(r.record_id, (hitCount.get(r.record_id) ?? 0) + 1);
    const ids = [...hitCount].sort((a, b) => b[1] - a[1]).slice(0, MAX_CANDIDATES * 2).map(([id]) => id);
    if (!ids.length) return [];
    const rows = await this.openSignals(trx, entity).where('s.record_id', 'in', ids).execute();
    return rows
      .map((r) => ({ ...neighbour(r), textSimilarity: similarity(own, fromHex(r.minhash)) }))
      .filter((n) => n.textSimilarity >= this.settings.textMinSimilarity)
      .sort((a, b) => b.textSimilarity! - a.textSimilarity!)
      .slice(0, MAX_CANDIDATES);
  }

  /** case_signal rows of live cases not in a final state (closed, rejected, merged). */
  private openSignals(trx: Kysely<any>, entity: CompiledEntity) {
    const finals = entity.workflow!.states.filter((st) => st.final).map((st) => st.key);
    return trx
      .selectFrom('case_signal as s')
      .innerJoin(`${entity.table} as e`, 'e.id', 's.record_id')
      .select(['s.record_id', 's.channel', 's.reported_at', 's.lng', 's.lat', 's.minhash'])
      .$if(entity.byField.has('riskLevel'), (qb) => qb.select('e.riskLevel as risk_level'))
      .where('s.entity', '=', entity.name)
      .where('e.deleted_at', 'is', null)
      .where((eb) => eb.or([eb('e.status', 'is', null), eb('e.status', 'not in', finals)]));
  }

  private async link(trx: Kysely<any>, ctx: ServiceContext, entity: CompiledEntity, record: EntityRecord, nearby: Neighbour[], similar: Neighbour[]) {
    const byId = new Map<string, { reason: string[]; distanceMetres: number | null; textSimilarity: number | null }>();
    for (const n of nearby) byId.set(n.id, { reason: ['nearby'], distanceMetres: Math.round(n.distanceMetres!), textSimilarity: null });
    for (const n of similar) {
      const found = byId.get(n.id);
      if (found) {
        found.reason.push('text');
        found.textSimilarity = n.textSimilarity;
      } else byId.set(n.id, { reason: ['text'], distanceMetres: null, textSimilarity: n.textSimilarity });
    }
    if (!byId.size) return;
    const at = this.deps.now();
    const iso = at.toISOString();
    const candidates = [...byId].map(([id, c]) => ({ id, reason: c.reason.join('+'), distanceMetres: c.distanceMetres, textSimilarity: c.textSimilarity }));
    await insertRows(
      trx,
      'case_duplicate',
      candidates.map((c) => ({ id: newRecordId(at.getTime()), entity: entity.name, record_id: record.id, candidate_id: c.id, reason: c.reason, distance_m: c.distanceMetres, text_similarity: c.textSimilarity, at: iso })),
    );
    const event = (recordId: string, data: unknown) => ({ id: newRecordId(at.getTime()), entity: entity.name, record_id: recordId, at: iso, actor_id: ctx.actor?.id ?? null, type: 'duplicate.candidate', transition: null, from_state: null, to_state: null, unit_id: null, data: JSON.stringify(data) });
    await insertRows(trx, 'case_event', [event(record.id, { candidates }), ...candidates.map((c) => event(c.id, { candidates: [{ ...c, id: record.id }] }))]);
  }

  /**
   * Cross-channel signals: open cases about the same place (or of near-identical text) from
   * distinct signal channels within the window. Enough distinct channels raise every case of the
   * cluster to the configured level; a level marked `escalate` escalates the oldest once.
   */
  private async assessRisk(trx: Kysely<any>, ctx: ServiceContext, entity: CompiledEntity, record: EntityRecord, s: Signal, similar: Neighbour[], risk: RiskSettings) {
    if (!s.channel || !risk.channels.has(s.channel)) return;
    const windowMs = risk.windowDays * DAY;
    const at = Date.parse(s.reportedAt);
    const place = s.cell ? await this.nearby(trx, entity, s, risk.withinMetres, windowMs, { channels: [...risk.channels] }) : [];
    const cluster = new Map<string, Neighbour>();
    for (const n of [...place, ...similar]) {
      if (n.channel && risk.channels.has(n.channel) && Math.abs(Date.parse(n.reportedAt) - at) <= windowMs) cluster.set(n.id, n);
    }
    const channels = new Set([s.channel, ...[...cluster.values()].map((n) => n.channel!)]);
    const reached = risk.levels.find((l) => channels.size >= l.minChannels);
    if (!reached) return;
    const rank = riskRank(reached.level);
    const raise = [...cluster.values()].filter((n) => riskRank(n.riskLevel) < rank);
    const newlyReached = riskRank(record.data.riskLevel) < rank || raise.length > 0;
    if (!newlyReached) return;
    const iso = this.deps.now().toISOString();
    const data = { level: reached.level, channels: [...channels].sort(), cases: [record.id, ...cluster.keys()] };
    // The new case: part of its creation (same version, its create audit carries the level).
    if (riskRank(record.data.riskLevel) < rank) {
      record.data.riskLevel = reached.level;
      await trx.updateTable(entity.table).set({ riskLevel: reached.level }).where('id', '=', record.id).execute();
      await this.deps.workflow.event(trx, ctx, entity, record, { type: 'risk.raised', data });
    }
    for (const n of raise) {
      await trx
        .updateTable(entity.table)
        .set((eb) => ({ riskLevel: reached.level, version: eb('version', '+', 1), updated_at: iso, updated_by: 'system' }))
        .where('id', '=', n.id)
        .execute();
      await this.deps.workflow.event(trx, systemContext(ctx.lang), entity, { id: n.id } as EntityRecord, { type: 'risk.raised', data });
    }
    await this.deps.audit(
      trx,
      raise.map((n) => ({ actorId: 'system', action: 'risk.raise', subjectType: entity.name, subjectId: n.id, diff: { changed: { riskLevel: { before: n.riskLevel ?? null, after: reached.level } }, signals: data.channels } })),
    );
    if (!reached.escalate || !raise.length) return;
    // The subject's oldest open case carries it (the later ones will likely be merged into it).
    const oldest = [...cluster.values()].sort((a, b) => a.reportedAt.localeCompare(b.reportedAt) || a.id.localeCompare(b.id))[0];
    const escalated = await this.deps.workflow.fireSystem(trx, entity, entity.workflow!, oldest.id, 'escalate', {});
    await this.deps.workflow.event(trx, systemContext(ctx.lang), entity, { id: oldest.id } as EntityRecord, { type: 'risk.escalation', data: { ...data, escalated } });
  }
}

function signalOf(record: EntityRecord): Signal {
  const d = record.data;
  const location = d.location as { lng: number; lat: number } | undefined;
  const text = [d.title, d.description].filter((v) => typeof v === 'string').join(' ');
  const hash = minhash(text);
  const reported = typeof d.reportedAt === 'string' && !Number.isNaN(Date.parse(d.reportedAt)) ? d.reportedAt : record.createdAt;
  return {
    category: typeof d.category === 'string' ? d.category : null,
    channel: typeof d.channel === 'string' ? d.channel : null,
    reportedAt: new Date(reported).toISOString(),
    lng: location?.lng ?? null,
    lat: location?.lat ?? null,
    cell: location ? cellOf(location.lng, location.lat) : null,
    hash: hash ? toHex(hash) : null,
  };
}

function neighbour(r: Record<string, any>): Neighbour {
  return { id: r.record_id, channel: r.channel ?? null, reportedAt: r.reported_at, distanceMetres: null, textSimilarity: null, riskLevel: r.risk_level ?? null };
}
