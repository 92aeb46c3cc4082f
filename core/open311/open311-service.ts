import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DistrictBundle, EntityDefinition } from '../config';
import { systemContext, type EntityService, type CompiledEntity, type EntityRegistry } from '../entities';
import { isGridworkError, NotFoundError, UnauthorizedError, ValidationError, type ErrorIssue } from '../errors';
import { t, type Lang } from '../i18n';
import type { IntakeService } from '../intake';
import type { ChannelRegistry } from '../intake';
import type { OrgDirectory } from '../org';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** Case fields the standard request parameters fill; the rest of the form become attributes. */
const STANDARD_FIELDS = new Set(['category', 'channel', 'location', 'address', 'description', 'reportedAt', 'reporterName', 'reporterPhone', 'photos']);
/** Fields we fill ourselves when the client leaves them out (the title from the description). */
const DERIVED_FIELDS = new Set(['title']);
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;
const DEFAULT_WINDOW_DAYS = 90;

interface Open311Deps {
  db: Kysely<any>;
  bundle: DistrictBundle;
  channels: ChannelRegistry;
  intake: IntakeService;
  entities: EntityService;
  registry: EntityRegistry;
  org: OrgDirectory;
  now: () => Date;
}

export interface Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

export interface ServiceRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export type Params = Record<string, string | string[]>;

/**
 * Open311 GeoReport v2 over our cases: services are the district's categories, service
 * definitions list the case form's other fields as attributes, requests are cases (any channel),
 * created through the Open311 channel whose key is the api_key. Transport-neutral: the HTTP layer
 * only parses parameters and picks XML or JSON.
 */
export class Open311Service {
  constructor(private readonly deps: Open311Deps) {}

  private get entity(): CompiledEntity {
    return this.deps.registry.get(this.deps.intake.caseEntity(), 'en');
  }

  private label(text: { 'zh-CN': string; en?: string }, lang: Lang): string {
    return lang === 'en' ? (text.en ?? text['zh-CN']) : text['zh-CN'];
  }

  discovery(baseUrl: string, lang: Lang) {
    return {
      changeset: '2026-11-24T00:00:00Z',
      contact: this.label(this.deps.bundle.district.platformName ?? this.deps.bundle.district.name, lang),
      key_service: t(lang, 'open311.keyService', { channel: this.deps.channels.open311()?.key ?? 'open311' }),
      endpoints: [{ specification: SPECIFICATION, url: baseUrl, changeset: '2026-11-24T00:00:00Z', type: 'production', formats: ['text/xml', 'application/json'] }],
    };
  }

  services(lang: Lang) {
    const categories = this.deps.bundle.district.categories;
    return categories.map((c) => {
      const parent = c.parent ? categories.find((p) => p.code === c.parent) : undefined;
      return {
        service_code: c.code,
        service_name: this.label(c.label, lang),
        description: this.label(c.label, lang),
        metadata: this.attributes(lang).length > 0,
        type: 'realtime',
        keywords: (c.keywords ?? []).join(', '),
        group: parent ? this.label(parent.label, lang) : this.label(c.label, lang),
      };
    });
  }

  serviceDefinition(code: string, lang: Lang) {
    if (!this.deps.bundle.district.categories.some((c) => c.code === code)) throw new NotFoundError(t(lang, 'open311.unknownService', { code }));
    return { service_code: code, attributes: this.attributes(lang) };
  }

  /** The case form's fields that the standard parameters do not cover, in form order. */
  attributes(lang: Lang): Attribute[] {
    const def: EntityDefinition = this.entity.def;
    const order = def.ui?.order ?? Object.keys(def.schema.properties);
    return order
      .filter((f) => !STANDARD_FIELDS.has(f) && f in def.schema.properties)
      .map((code, i) => {
        const field = def.schema.properties[code] as Record<string, any>;
        const title = lang === 'en' ? (field['x-title-en'] ?? field.title ?? code) : (field.title ?? code);
        const labels = field['x-enumLabels'] as Record<string, { 'zh-CN': string; en?: string }> | undefined;
        const list = (values: unknown[]) => values.map((v) => ({ key: String(v), name: labels?.[String(v)] ? this.label(labels[String(v)], lang) : String(v) }));
        let datatype: Attribute['datatype'] = 'string';
        let values: Attribute['values'];
        if (Array.isArray(field.enum)) [datatype, values] = ['singlevaluelist', list(field.enum)];
        else if (field.type === 'array' && Array.isArray(field.items?.enum)) [datatype, values] = ['multivaluelist', list(field.items.enum)];
        else if (field.type === 'number' || field.type === 'integer') datatype = 'number';
        else if (field.format === 'date-time') datatype = 'datetime';
        else if (field['x-widget'] === 'textarea') datatype = 'text';
        const required = (def.schema.required ?? []).includes(code) && !DERIVED_FIELDS.has(code) && field.default === undefined;
        return { variable: true, code, datatype, required, datatype_description: '', order: i + 1, description: title, ...(values ? { values } : {}) };
      });
  }

  /** POST requests: the api_key is the Open311 channel's key; the case is created at once. */
  async createRequest(params: Params, lang: Lang): Promise<{ service_request_id: string; token: string; service_notice: string; account_id: null }[]> {
    const channel = this.deps.channels.open311();
    try {
      if (!channel) throw new UnauthorizedError(t(lang, 'open311.badKey'));
      await this.deps.intake.authenticate(channel.key, one(params.api_key), lang, 'open311');
    } catch (e) {
      if (isGridworkError(e) && (e.kind === 'unauthorized' || e.kind === 'notFound')) throw new UnauthorizedError(t(lang, 'open311.badKey'));
      throw e;
    }
    const issues: ErrorIssue[] = [];
    const bad = (field: string, key: 'open311.missing' | 'open311.badParam' | 'open311.location' | 'open311.unknownService', extra: Record<string, string> = {}) =>
      issues.push({ path: field, message: t(lang, key, { field, ...extra }), code: key.split('.')[1] });
    const code = one(params.service_code);
    const category = this.deps.bundle.district.categories.find((c) => c.code === code);
    if (!code) bad('service_code', 'open311.missing');
    else if (!category) bad('service_code', 'open311.unknownService', { code });
    const lat = num(one(params.lat));
    const lng = num(one(params.long));
    const address = one(params.address_string) ?? one(params.address_id);
    if ((lat === undefined) !== (lng === undefined) || (lat === undefined && !address)) bad('lat', 'open311.location');
    if (lat !== undefined && Number.isNaN(lat)) bad('lat', 'open311.badParam', { detail: 'not a number' });
    if (lng !== undefined && Number.isNaN(lng)) bad('long', 'open311.badParam', { detail: 'not a number' });
    const data: Record<string, unknown> = {};
    for (const a of this.attributes(lang)) {
      const given = params[`attribute[${a.code}]`] ?? params[`attribute[${a.code}][]`];
      if (given === undefined) {
        if (a.required) bad(`attribute[${a.code}]`, 'open311.missing');
        continue;
      }
      const value = a.datatype === 'multivaluelist' ? ([] as string[]).concat(given) : one(given);
      if (a.values && !([] as string[]).concat(value ?? []).every((v) => a.values!.some((x) => x.key === v))) {
        bad(`attribute[${a.code}]`, 'open311.badParam', { detail: a.values.map((v) => v.key).join(' | ') });
        continue;
      }
      data[a.code] = a.datatype === 'number' ? num(value as string) : value;
    }
    if (issues.length) throw new ValidationError(t(lang, 'validation.failed', { count: issues.length }), issues);
    const description = one(params.description) ?? '';
    const media = one(params.media_url);
    const name = [one(params.last_name), one(params.first_name)].filter(Boolean).join('');
    Object.assign(data, {
      title: data.title ?? (description.trim().slice(0, 30) || this.label(category!.label, lang)),
      category: code,
      ...(description || media ? { description: [description, media ? `media_url: ${media}` : ''].filter(Boolean).join('\n') } : {}),
      ...(lat !== undefined ? { location: { lng, lat } } : {}),
      ...(address ? { address } : {}),
      ...(name ? { reporterName: name } : {}),
      ...(one(params.phone) ? { reporterPhone: one(params.phone) } : {}),
      reportedAt: this.deps.now().toISOString(),
    });
    const record = await this.deps.intake.createCase(channel!, data, lang);
    const token = randomUUID();
    const iso = this.deps.now().toISOString();
    await this.deps.db
      .insertInto('intake_request')
      .values({ id: randomUUID(), channel: channel!.key, idempotency_key: `token:${token}`, body_hash: '', status: 'created', http_status: 201, record_id: record.id, response: null, created_at: iso, updated_at: iso })
      .execute();
    return [{ service_request_id: record.id, token, service_notice: '', account_id: null }];
  }

  async token(token: string, lang: Lang): Promise<{ service_request_id: string; token: string }[]> {
    const channel = this.deps.channels.open311();
    const row = channel
      ? await this.deps.db.selectFrom('intake_request').select('record_id').where('channel', '=', channel.key).where('idempotency_key', '=', `token:${token}`).executeTakeFirst()
      : undefined;
    if (!row?.record_id) throw new NotFoundError(t(lang, 'open311.notFound'));
    return [{ service_request_id: row.record_id, token }];
  }

  /** GET requests with the spec's filters and the page/page_size extension, newest first. */
  async listRequests(params: Params, lang: Lang): Promise<ServiceRequest[]> {
    const issues: ErrorIssue[] = [];
    const date = (field: string) => {
      const v = one(params[field]);
      if (v === undefined) return undefined;
      const d = /(?:Z|[+-]\d{2}:?\d{2})$/.test(v) ? new Date(v) : new Date(NaN);
      if (Number.isNaN(d.getTime())) issues.push({ path: field, message: t(lang, 'open311.badParam', { field, detail: 'ISO 8601 with zone' }), code: 'badParam' });
      return d;
    };
    const int = (field: string, fallback: number, max: number) => {
      const v = one(params[field]);
      const n = v === undefined ? fallback : Number(v);
      if (!Number.isInteger(n) || n < 1 || n > max) issues.push({ path: field, message: t(lang, 'open311.badParam', { field, detail: `1…${max}` }), code: 'badParam' });
      return n;
    };
    const ids = one(params.service_request_id)?.split(',').map((s) => s.trim()).filter(Boolean);
    const codes = one(params.service_code)?.split(',').map((s) => s.trim()).filter(Boolean);
    const statuses = one(params.status)?.split(',').map((s) => s.trim()).filter(Boolean);
    if (statuses?.some((s) => s !== 'open' && s !== 'closed')) issues.push({ path: 'status', message: t(lang, 'open311.badParam', { field: 'status', detail: 'open | closed' }), code: 'badParam' });
    const start = date('start_date');
    const end = date('end_date');
    const page = int('page', 1, 1_000_000);
    const size = int('page_size', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    if (issues.length) throw new ValidationError(t(lang, 'validation.failed', { count: issues.length }), issues);

    const closed = this.closedStates();
    let q = this.deps.entities.scopedQuery(systemContext(lang), this.entity).selectAll();
    if (ids?.length) q = q.where('id', 'in', ids);
    else {
      // The spec's default window: the last 90 days when no dates are given.
      const from = start ?? (end ? new Date(end.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000) : new Date(this.deps.now().getTime() - DEFAULT_WINDOW_DAYS * 86_400_000));
      q = q.where('reportedAt', '>=', from.toISOString());
      if (end) q = q.where('reportedAt', '<=', end.toISOString());
    }
    if (codes?.length) q = q.where('category', 'in', codes);
    if (statuses?.length === 1 && closed.length) q = statuses[0] === 'closed' ? q.where('status', 'in', closed) : q.where('status', 'not in', closed);
    const rows = await q
      .orderBy('reportedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(size)
      .offset((page - 1) * size)
      .execute();
    return this.present(rows, lang);
  }

  async getRequest(id: string, lang: Lang): Promise<ServiceRequest[]> {
    const rows = await this.deps.entities.scopedQuery(systemContext(lang), this.entity).selectAll().where('id', '=', id).execute();
    if (!rows.length) throw new NotFoundError(t(lang, 'open311.notFound'));
    return this.present(rows, lang);
  }

  private closedStates(): string[] {
    return this.entity.workflow?.states.filter((s) => s.final).map((s) => s.key) ?? [];
  }

  /** Public fields only: no reporter name or phone ever leaves through Open311. */
  private async present(rows: Record<string, any>[], lang: Lang): Promise<ServiceRequest[]> {
    if (!rows.length) return [];
    const closed = new Set(this.closedStates());
    const ids = rows.map((r) => r.id);
    const [events, clocks] = await Promise.all([
      this.deps.db.selectFrom('case_event').select(['record_id', 'data', 'id']).where('entity', '=', this.entity.name).where('record_id', 'in', ids).where('type', '=', 'transition').orderBy('id').execute(),
      this.deps.db.selectFrom('case_clock').select(['record_id', 'due_at']).where('entity', '=', this.entity.name).where('record_id', 'in', ids).where('status', '=', 'running').execute(),
    ]);
    const notes = new Map<string, string>();
    for (const e of events) {
      const data = e.data ? JSON.parse(e.data) : null;
      const note = data && ['note', 'result', 'reason', 'comment', 'feedback'].map((k) => data[k]).find((v) => typeof v === 'string' && v);
      if (note) notes.set(e.record_id, note);
    }
    const expected = new Map<string, string>();
    for (const c of clocks) if (!expected.has(c.record_id) || c.due_at > expected.get(c.record_id)!) expected.set(c.record_id, c.due_at);
    const categories = new Map(this.deps.bundle.district.categories.map((c) => [c.code, c]));
    return rows.map((r) => {
      const location = typeof r.location === 'string' ? JSON.parse(r.location) : r.location;
      const category = categories.get(r.category);
      const unit = this.deps.org.get(r.org_unit_id);
      const media = typeof r.description === 'string' ? MEDIA_LINE.exec(r.description) : null;
      return {
        service_request_id: String(r.id),
        status: closed.has(r.status) ? 'closed' : 'open',
        status_notes: notes.get(r.id) ?? null,
        service_name: category ? this.label(category.label, lang) : String(r.category),
        service_code: String(r.category),
        description: media ? r.description.slice(0, media.index) : (r.description ?? null),
        agency_responsible: unit ? (lang === 'en' ? (unit.nameEn ?? unit.name) : unit.name) : null,
        service_notice: null,
        requested_datetime: r.reportedAt ?? r.created_at,
        updated_datetime: r.updated_at,
        expected_datetime: expected.get(r.id) ?? null,
        address: r.address ?? null,
        address_id: null,
        zipcode: null,
        lat: location?.lat ?? null,
        long: location?.lng ?? null,
        media_url: media?.[1] ?? null,
      };
    });
  }
}

/** A media_url given on POST is kept as the description's last line (cases have no URL field). */
const MEDIA_LINE = /\n?media_url: (\S+)$/;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const num = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : Number(v));
