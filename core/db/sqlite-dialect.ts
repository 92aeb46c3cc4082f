import { sql, type Kysely } from 'kysely';
import type { GridworkDialect } from './dialect-adapter';

export const sqliteDialect: GridworkDialect = {
  name: 'sqlite',
  singleWriter: true,
  supportsTransactionalDdl: false,
  bytewiseTextType: sql`text`,
  realType: 'real',
  bigintType: 'integer',
  likeOperator: 'like',
  nullsAreSmallest: true,
  maxParameters: 32766,
  async explain(db: Kysely<any>, compiled) {
    const result = await db.executeQuery<{ detail: string }>({
      sql: `explain query plan ${compiled.sql}`,
      parameters: compiled.parameters,
      query: { kind: 'RawNode' } as never,
      queryId: { queryId: 'explain' },
    });
    return result.rows.map((r) => r.detail);
  },
};
