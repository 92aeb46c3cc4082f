import type { Kysely } from 'kysely';
import type { WorkflowDefinition } from '../config';
import type { CompiledEntity, EntityRecord, ServiceContext } from '../entities';
import type { Job } from '../jobs';

/** A transition as observers see it, inside its transaction. */
export interface TransitionEvent {
  entity: CompiledEntity;
  workflow: WorkflowDefinition;
  /** The record after the move. */
  record: EntityRecord;
  transition: string;
  from: string | null;
  to: string;
  /** The new state is final (closed, rejected…). */
  final: boolean;
  /** The transition's form, validated. */
  form: Record<string, unknown>;
}

/** A clock that just breached, inside the breach job's transaction. */
export interface BreachEvent {
  entity: string;
  recordId: string;
  clock: string;
  clockId: string;
  unitId: string | null;
  dueAt: string;
}

/** What a named workflow action (`{ "do": "hook", "name": … }`) sees, in the transition's transaction. */
export interface NamedActionEvent {
  entity: CompiledEntity;
  workflow: WorkflowDefinition;
  record: EntityRecord;
  form: Record<string, unknown>;
}

export type NamedActionHandler = (trx: Kysely<any>, ctx: ServiceContext, name: string, event: NamedActionEvent) => Promise<void>;

export type TransitionHook = (trx: Kysely<any>, ctx: ServiceContext, event: TransitionEvent) => Promise<void>;
export type BreachHook = (trx: Kysely<any>, events: BreachEvent[]) => Promise<void>;

/** The clocks of these due jobs that are still running: the ones a breach run will act on. */
export async function runningClocks(trx: Kysely<any>, jobs: Job<{ clockId: string }>[]): Promise<BreachEvent[]> {
  const ids = jobs.map((j) => j.payload.clockId);
  const rows: any[] = [];
  for (let i = 0; i < ids.length; i += 400) {
    rows.push(...(await trx.selectFrom('case_clock').select(['id', 'entity', 'record_id', 'clock', 'unit_id', 'due_at']).where('id', 'in', ids.slice(i, i + 400)).where('status', '=', 'running').execute()));
  }
  return rows.map((r) => ({ entity: r.entity, recordId: r.record_id, clock: r.clock, clockId: r.id, unitId: r.unit_id ?? null, dueAt: r.due_at }));
}
