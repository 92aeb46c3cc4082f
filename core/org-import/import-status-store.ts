import type { Kysely } from 'kysely';
import type { ErrorIssue } from '../errors';
import type { ImportProgress, OrgImportFormat, OrgImportKind, Rejection } from './import-rows';

/** What `studio.orgImportStatus` answers. */
export interface OrgImportStatus {
  state: 'running' | 'done' | 'failed';
  phase: ImportProgress['phase'];
  processed: number;
  total: number;
  accepted: number;
  /** Every rejected row, also those beyond the stored list. */
  rejected: number;
  /** The first MAX_REJECTIONS rejections, in file order. */
  rejections: Rejection[];
  dryRun: boolean;
  applied: boolean;
  error?: string;
  /** The problem behind `error`, by JSON pointer (a missing column, a draft file the schema refuses). */
  issues?: ErrorIssue[];
  /** When applied: units or grids added and replaced in the draft. */
  added?: number;
  replaced?: number;
  /** Failed because the process running it stopped (a restart, a crash): its heartbeat went quiet. */
  interrupted?: boolean;
}

export const MAX_REJECTIONS = 200;

/**
 * A running import's owner refreshes its heartbeat this often (also between progress writes), and a
 * running import whose heartbeat is older than STALE_MS reads as failed (interrupted). The margin is
 * wide: a healthy owner blocks its event loop for a second or two at most (JSON.parse of a large
 * upload), so only a process that is gone — or stalled for a minute — goes quiet that long.
 */
export const HEARTBEAT_MS = 5_000;
export const STALE_MS = 60_000;
/** Reports are kept this long, then deleted when the next import starts. */
export const KEEP_MS = 7 * 24 * 60 * 60 * 1000;

export interface NewImport {
  id: string;
  district: string;
  kind: OrgImportKind;
  format: OrgImportFormat;
  dryRun: boolean;
  owner: string;
  createdBy: string | null;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** The columns a status sets; rejections capped at MAX_REJECTIONS. */
function statusColumns(status: OrgImportStatus) {
  return {
    state: status.state,
    phase: status.phase,
    processed: status.processed,
    total: status.total,
    accepted: status.accepted,
    rejected: status.rejected,
    rejections: JSON.stringify(status.rejections.slice(0, MAX_REJECTIONS)),
    applied: status.applied ? 1 : 0,
    added: status.added ?? null,
    replaced: status.replaced ?? null,
    error: status.error ?? null,
    issues: json(status.issues),
  };
}

/**
 * Org imports' status rows (table org_import): written by the process running the import, read by
 * any instance on the same database. Plain data access; OrgImports decides when to write.
 */
export class ImportStatusStore {
  constructor(
    private readonly db: () => Kysely<any>,
    private readonly now: () => Date,
  ) {}

  async create(input: NewImport, status: OrgImportStatus): Promise<void> {
    const at = this.now().toISOString();
    await this.db()
      .insertInto('org_import')
      .values({
        id: input.id,
        district: input.district,
        kind: input.kind,
        format: input.format,
        dry_run: input.dryRun ? 1 : 0,
        owner: input.owner,
        created_by: input.createdBy,
        created_at: at,
        heartbeat_at: at,
        finished_at: null,
        ...statusColumns(status),
      })
      .execute();
  }

  /** Progress (or the final report, with `finished`) and a fresh heartbeat. */
  async write(id: string, status: OrgImportStatus, finished = false): Promise<void> {
    const at = this.now().toISOString();
    await this.db()
      .updateTable('org_import')
      .set({ ...statusColumns(status), heartbeat_at: at, ...(finished ? { finished_at: at } : {}) })
      .where('id', '=', id)
      .execute();
  }

  /**
   * The status of an import of this district; undefined when there is none (never was, expired,
   * or another district's). A running import whose owner went quiet reads as failed/interrupted.
   */
  async read(id: string, district: string, interruptedMessage: string): Promise<OrgImportStatus | undefined> {
    const r = await this.db().selectFrom('org_import').selectAll().where('id', '=', id).where('district', '=', district).executeTakeFirst();
    if (!r) return undefined;
    const status: OrgImportStatus = {
      state: r.state,
      phase: r.phase,
      processed: Number(r.processed),
      total: Number(r.total),
      accepted: Number(r.accepted),
      rejected: Number(r.rejected),
      rejections: JSON.parse(r.rejections),
      dryRun: Number(r.dry_run) === 1,
      applied: Number(r.applied) === 1,
    };
    if (r.error !== null) status.error = r.error;
    if (r.issues !== null) status.issues = JSON.parse(r.issues);
    if (r.added !== null) status.added = Number(r.added);
    if (r.replaced !== null) status.replaced = Number(r.replaced);
    // Decided on read, not written: should a stalled owner come back and finish, its report wins.
    if (status.state === 'running' && this.now().getTime() - Date.parse(r.heartbeat_at) > STALE_MS) {
      Object.assign(status, { state: 'failed', interrupted: true, error: interruptedMessage });
    }
    return status;
  }

  /** Deletes reports older than KEEP_MS (finished or long dead). */
  async purge(): Promise<void> {
    const cutoff = new Date(this.now().getTime() - KEEP_MS).toISOString();
    await this.db().deleteFrom('org_import').where('created_at', '<', cutoff).execute();
  }
}
