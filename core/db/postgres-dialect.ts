import { sql, type Kysely } from 'kysely';
import type { GridworkDialect } from './dialect-adapter';

export const postgresDialect: GridworkDialect = {
  name: 'postgres',
  singleWriter: false,
  supportsTransactionalDdl: true,
  // The database's default collation (e.g. en_US.UTF-8) ignores punctuation, which breaks
  // prefix ranges over '/a/b/' paths; "C" compares bytes like SQLite does.
  bytewiseTextType: sql`text collate "C"`,
  realType: 'double precision',
  bigintType: 'bigint',
  likeOperator: 'ilike',
  nullsAreSmallest: false,
  maxParameters: 65535,
  async explain(db: Kysely<any>, compiled) {
    const result = await db.executeQuery<{ 'QUERY PLAN': string }>({
      sql: `explain ${compiled.sql}`,
      parameters: compiled.parameters,
      query: { kind: 'RawNode' } as never,
      queryId: { queryId: 'explain' },
    });
    return result.rows.map((r) => r['QUERY PLAN']);
  },
};
