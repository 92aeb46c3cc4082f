import { sql } from 'kysely';
import type { Runtime } from '../runtime';

export interface HealthStatus {
  status: 'ok';
  district: string;
  db: 'sqlite' | 'postgres';
}

/** Shared by GET /api/health and the tRPC procedure; touches the database so a dead pool shows. */
export async function healthStatus(runtime: Runtime): Promise<HealthStatus> {
  await sql`select 1`.execute(runtime.db);
  return { status: 'ok', district: runtime.bundle.district.id, db: runtime.dialect.name };
}
