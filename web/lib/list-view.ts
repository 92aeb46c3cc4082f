import type { FilterValue } from '../../core/entities';
import type { Runtime } from '../../core/runtime';
import type { EntityDescription } from '../../core/api/handlers/describe-entity';
import { caseLabels } from './case-labels';
import { displayValue, fieldOptions, fieldTitle, type FieldSchema } from './schema-labels';
import type { PageContext } from './page-context';
import { localized, uiText, type UiKey, type UiLang } from '../i18n';
import { formatRemaining } from './format';

export type SearchParams = Record<string, string | string[] | undefined>;

export interface FilterControl {
  name: string;
  label: string;
  value: string;
  options?: { value: string; label: string }[];
}

export interface ListModel {
  columns: { field: string; label: string; sortable: boolean }[];
  rows: { id: string; href: string; cells: string[]; overdue?: boolean }[];
  filters: FilterControl[];
  sort?: { field: string; dir: 'asc' | 'desc' };
  search: string;
  nextCursor: string | null;
  searchable: boolean;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
export const QUEUE_KINDS = ['open', 'overdue', 'supervised', 'mine'] as const;
const KIND_LABELS: Record<(typeof QUEUE_KINDS)[number], UiKey> = { open: 'queue.open', overdue: 'queue.overdue', supervised: 'queue.supervised', mine: 'queue.mine' };

/**
 * A list page's model from the entity's description and the URL: filters on indexed fields with
 * options (f.<field>=value), sort on indexed fields, text search, a queue kind for workflow
 * records, cursor paging. Reads go through entity.list / case.queue, so scope applies in SQL.
 */
export async function loadList(pc: PageContext, d: EntityDescription, params: SearchParams, opts: { basePath: string; queue?: boolean }): Promise<ListModel> {
  const { api, runtime, lang, timeZone } = pc;
  const props = d.schema.properties as Record<string, FieldSchema>;
  const labels = caseLabels(runtime, d.name, lang);
  const filter: Record<string, FilterValue> = {};
  const filters: FilterControl[] = [];
  if (opts.queue) {
    const kind = one(params.kind) || 'open';
    filters.push({ name: 'kind', label: uiText(lang, 'queue.kind'), value: kind, options: QUEUE_KINDS.map((k) => ({ value: k, label: uiText(lang, KIND_LABELS[k]) })) });
  }
  for (const field of d.queryableFields) {
    const control = filterControl(runtime, d, field, props[field], lang);
    if (!control) continue;
    control.value = one(params[`f.${field}`]);
    if (control.value) filter[field] = field === 'status' && control.value === '-' ? null : control.value;
    filters.push(control);
  }
  const unitOptions = opts.queue && pc.ability.can('read', 'OrgUnit') ? areaOptions(runtime, lang) : undefined;
  const orgUnit = one(params.unit);
  if (unitOptions) filters.push({ name: 'unit', label: uiText(lang, 'col.unit'), value: orgUnit, options: unitOptions });
  const sortField = one(params.sort);
  const sort = sortField && d.queryableFields.includes(sortField) ? { field: sortField, dir: (one(params.dir) === 'asc' ? 'asc' : 'desc') as 'asc' | 'desc' } : undefined;
  const search = one(params.q);
  const query = { filter, sort, search: search || undefined, cursor: one(params.cursor) || undefined, limit: 50, orgUnit: orgUnit || undefined };
  const page = opts.queue
    ? await api.case.queue({ entity: d.name, kind: (one(params.kind) || 'open') as (typeof QUEUE_KINDS)[number], ...query })
    : await api.entity.list({ entity: d.name, ...query });
  const ui = d.ui as { listColumns?: string[] };
  const fields = (ui.listColumns ?? Object.keys(props).filter((f) => props[f].type !== 'object' && props[f].type !== 'array').slice(0, 5)).filter((f) => d.readableFields.includes(f));
  const clocks = d.workflow ? await api.case.clocks({ entity: d.name, ids: page.items.map((r) => r.id) }) : [];
  const ctx = { district: runtime.bundle.district, org: runtime.org, lang, timeZone };
  const columns = [
    ...fields.map((f) => ({ field: f, label: fieldTitle(props[f], f, lang), sortable: d.queryableFields.includes(f) })),
    ...(d.workflow ? [{ field: 'status', label: uiText(lang, 'col.status'), sortable: true }] : []),
    { field: 'orgUnitId', label: uiText(lang, 'col.unit'), sortable: false },
    ...(d.workflow ? [{ field: 'clock', label: uiText(lang, 'case.clocks'), sortable: false }] : []),
  ];
  return {
    columns,
    rows: page.items.map((r) => {
      const clock = clocks.find((c) => c.recordId === r.id);
      return {
        id: r.id,
        href: `/entities/${d.name}/${r.id}`,
        overdue: clock?.overdue,
        cells: [
          ...fields.map((f) => displayValue(props[f], r.data[f], ctx)),
          ...(d.workflow ? [labels.state(r.status)] : []),
          labels.unit(r.orgUnitId),
          ...(d.workflow ? [clock ? `${labels.clock(clock.clock)}: ${formatRemaining(clock.remainingMinutes, lang)}` : ''] : []),
        ],
      };
    }),
    filters,
    sort,
    search,
    nextCursor: page.nextCursor,
    searchable: Object.values(props).some((p) => p['x-search']),
  };
}

function filterControl(runtime: Runtime, d: EntityDescription, field: string, schema: FieldSchema | undefined, lang: UiLang): FilterControl | undefined {
  if (field === 'status' && d.workflow) {
    return {
      name: 'f.status',
      label: uiText(lang, 'col.status'),
      value: '',
      options: d.workflow.states.map((s) => ({ value: s.key, label: localized(s.label, lang) })),
    };
  }
  if (!schema) return undefined;
  const options = fieldOptions(schema, runtime.bundle.district, runtime.org, lang);
  if (!options) return undefined;
  return { name: `f.${field}`, label: fieldTitle(schema, field, lang), value: '', options };
}

/** Areas (district, subdistricts, communities) for the unit filter: a subtree, not single grids. */
function areaOptions(runtime: Runtime, lang: UiLang) {
  return [...runtime.org.all()]
    .filter((u) => u.kind === 'area')
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .slice(0, 2000)
    .map((u) => ({ value: u.id, label: `${'\u3000'.repeat(Math.max(0, u.depth - 1))}${(lang === 'en' && u.nameEn) || u.name}` }));
}
