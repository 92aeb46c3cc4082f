import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

// Frozen: never import application code here.
// Live events leave the database only once their transaction commits: on PostgreSQL a trigger
// NOTIFYs (delivered at commit, to every instance that LISTENs); on SQLite a trigger appends to an
// outbox the one process tails (a rolled-back write leaves no row behind).
const TYPES = `('created', 'transition', 'notice.reminder', 'notice.supervision')`;

export function realtime(ctx: MigrationContext) {
  return {
    async up(db: Kysely<any>) {
      if (ctx.dialect === 'postgres') {
        await sql`
          create or replace function gridwork_case_event_notify() returns trigger language plpgsql as $$
          begin
            perform pg_notify('gridwork_events', json_build_object(
              'kind', 'case', 'type', NEW.type, 'entity', NEW.entity, 'recordId', NEW.record_id,
              'transition', NEW.transition, 'toState', NEW.to_state, 'unitId', NEW.unit_id, 'at', NEW.at)::text);
            return null;
          end $$`.execute(db);
        await sql
          .raw(`create trigger case_event_realtime after insert on case_event for each row when (NEW.type in ${TYPES}) execute function gridwork_case_event_notify()`)
          .execute(db);
        return;
      }
      await db.schema
        .createTable('realtime_outbox')
        .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await sql
        .raw(
          `create trigger case_event_realtime after insert on case_event when NEW.type in ${TYPES} begin
             insert into realtime_outbox (payload, at) values (json_object(
               'kind', 'case', 'type', NEW.type, 'entity', NEW.entity, 'recordId', NEW.record_id,
               'transition', NEW.transition, 'toState', NEW.to_state, 'unitId', NEW.unit_id, 'at', NEW.at), NEW.at);
           end`,
        )
        .execute(db);
    },
    async down(db: Kysely<any>) {
      await sql`drop trigger if exists case_event_realtime${sql.raw(ctx.dialect === 'postgres' ? ' on case_event' : '')}`.execute(db);
      if (ctx.dialect === 'postgres') await sql`drop function if exists gridwork_case_event_notify()`.execute(db);
      else await db.schema.dropTable('realtime_outbox').execute();
    },
  };
}
