import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Lang } from '../i18n';
import type { CompiledEntity } from './entity-registry';

/**
 * Narrows the rows an actor may read. Every read path of the entity service (get, list, count,
 * export) passes through `scopedQuery`, which applies this: the single choke point for row access.
 */
export type RowScope = (eb: ExpressionBuilder<any, any>, entity: CompiledEntity) => Expression<SqlBool>;

export interface ServiceContext {
  lang: Lang;
  actor?: { id: string };
  scope?: RowScope;
  /** Correlates log lines and audit entries of one request. */
  requestId?: string;
}

export const systemContext = (lang: Lang = 'zh-CN'): ServiceContext => ({ lang, actor: { id: 'system' } });
