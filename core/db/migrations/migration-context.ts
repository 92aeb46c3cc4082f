/** What a migration may know about where it runs: only the dialect's name, never app code. */
export interface MigrationContext {
  dialect: 'sqlite' | 'postgres';
}
