import { subject } from '@casl/ability';
import type { EntityService, ListQuery, ServiceContext } from '../entities';
import { ForbiddenError } from '../errors';
import { t, type Lang } from '../i18n';
import type { ExportColumn, ExportSheet } from './table-writer';

const SYSTEM: [string, string, string][] = [
  ['id', '编号', 'ID'],
  ['status', '状态', 'Status'],
  ['orgUnitId', '所属单位', 'Unit'],
  ['createdAt', '创建时间', 'Created at'],
];

/**
 * The records a list query returns, as an export sheet: paged by keyset through the same scoped
 * list (permissions in SQL, personal data masked), so an export can never show more than the list.
 */
export function recordSheet(entities: EntityService, ctx: ServiceContext, entityName: string, query: Omit<ListQuery, 'sort' | 'cursor' | 'limit'>): ExportSheet {
  const entity = entities.registry.get(entityName, ctx.lang);
  if (ctx.ability && !ctx.ability.can('export', entity.subject) && !ctx.ability.can('export', subject(entity.subject, {}) as never)) {
    throw new ForbiddenError(t(ctx.lang, 'forbidden.action', { action: 'export', entity: entityName }));
  }
  const lang: Lang = ctx.lang;
  const props = entity.def.schema.properties as Record<string, { title?: string; 'x-title-en'?: string }>;
  const columns: ExportColumn[] = [
    ...SYSTEM.map(([key, zh, en]) => ({ key, header: lang === 'en' ? en : zh })),
    ...entity.columns.map((c) => ({ key: `data.${c.field}`, header: (lang === 'en' ? props[c.field]['x-title-en'] : props[c.field].title) ?? c.field })),
  ];
  async function* rows() {
    let cursor: string | null = null;
    do {
      const page = await entities.list(ctx, entityName, { ...query, limit: 200, cursor, sort: { field: 'createdAt', dir: 'desc' } });
      for (const r of page.items) {
        const row: Record<string, unknown> = { id: r.id, status: r.status, orgUnitId: r.orgUnitId, createdAt: r.createdAt };
        for (const [k, v] of Object.entries(r.data)) row[`data.${k}`] = v;
        yield row;
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
  return { name: entity.def.label?.[lang === 'en' ? 'en' : 'zh-CN'] ?? entityName, columns, rows: rows() };
}
