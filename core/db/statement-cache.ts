import type { Database, Statement } from 'better-sqlite3';

/**
 * Kysely's SQLite driver prepares every statement anew, and preparing costs as much as running a
 * small query. This hands it a view of the database whose prepare() reuses statements by SQL
 * text (bounded, oldest evicted first). Statements are only run with all()/run(), never iterated
 * concurrently, so reuse is safe.
 */
export function withStatementCache(database: Database, max = 2000): Database {
  const cache = new Map<string, Statement>();
  return new Proxy(database, {
    get(target, prop, receiver) {
      if (prop === 'prepare') {
        return (source: string) => {
          let stmt = cache.get(source);
          if (stmt) {
            // Refresh its place so frequently used statements survive eviction.
            cache.delete(source);
          } else {
            stmt = target.prepare(source);
            if (cache.size >= max) cache.delete(cache.keys().next().value!);
          }
          cache.set(source, stmt);
          return stmt;
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
