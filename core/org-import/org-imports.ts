import { randomUUID } from 'node:crypto';
import type { DistrictConfig, GridCollection, GridFeature, OrgUnit } from '../config/types.generated';
import type { ServiceContext } from '../entities/service-context';
import { isGridworkError, NotFoundError, ValidationError, type ErrorIssue } from '../errors';
import { t } from '../i18n';
import { checkOrgImport } from './check-import';
import { csvRows } from './csv-rows';
import { geojsonRows } from './geojson-rows';
import type { ImportProgress, OrgImportFormat, OrgImportKind, Rejection } from './import-rows';
import { mergeGrids, mergeUnits } from './merge-by-id';

/** The part of the studio's draft service an import needs (runtime.studio provides it). */
export interface DraftAccess {
  /** The draft's version of a file, else the active version's; undefined when neither has it. */
  draftFile(path: string): Promise<{ content: unknown; rev: number } | undefined>;
  /**
   * Validates and saves files into the draft (all or nothing); a ConflictError when a file's draft
   * revision is no longer the one given in `revs`.
   */
  saveDraftFiles(ctx: ServiceContext, files: Record<string, unknown | null>, revs?: Record<string, number>): Promise<{ issues: ErrorIssue[] }>;
}

export interface OrgImportRequest {
  kind: OrgImportKind;
  format: OrgImportFormat;
  dryRun: boolean;
  text: string;
}

/** What `studio.orgImportStatus` answers. */
export interface OrgImportStatus {
  state: 'running' | 'done' | 'failed';
  phase: ImportProgress['phase'];
  processed: number;
  total: number;
  accepted: number;
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
}

export const MAX_REJECTIONS = 200;

/** Lets timers and I/O run (a status poll, other requests) between two large synchronous steps. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Finished imports are kept this long for their report, then forgotten. */
const KEEP_MS = 60 * 60 * 1000;

interface Job {
  status: OrgImportStatus;
  finishedAt?: number;
  done: Promise<void>;
}

/**
 * Org imports running in this process. A job's state lives in memory: on PostgreSQL with several
 * instances the status must be polled on the instance that took the upload (a sticky session), and
 * a restart forgets running imports — a dry run is repeated in seconds, and a real run writes only
 * the draft, in one save, at its very end.
 */
export class OrgImports {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly drafts: () => DraftAccess) {}

  /** Starts an import in the background; answers at once with its id. */
  start(ctx: ServiceContext, request: OrgImportRequest): string {
    this.evict();
    const id = randomUUID();
    const status: OrgImportStatus = {
      state: 'running',
      phase: 'parsing',
      processed: 0,
      total: 0,
      accepted: 0,
      rejected: 0,
      rejections: [],
      dryRun: request.dryRun,
      applied: false,
    };
    const job: Job = { status, done: Promise.resolve() };
    job.done = this.run(ctx, request, status)
      .catch((e: unknown) => {
        status.state = 'failed';
        if (isGridworkError(e)) {
          status.error = e.message;
          status.issues = e.issues;
        } else {
          console.error('[org-import]', e);
          status.error = 'internal error';
        }
      })
      .finally(() => {
        job.finishedAt = Date.now();
      });
    this.jobs.set(id, job);
    return id;
  }

  status(ctx: ServiceContext, id: string): OrgImportStatus {
    const job = this.jobs.get(id);
    if (!job) throw new NotFoundError(t(ctx.lang, 'orgImport.unknown', { id }));
    return structuredClone(job.status);
  }

  /** Resolves when the import has finished (tests, the CLI). */
  async settled(id: string): Promise<void> {
    await this.jobs.get(id)?.done;
  }

  private async run(ctx: ServiceContext, request: OrgImportRequest, status: OrgImportStatus): Promise<void> {
    const { lang } = ctx;
    // Yield first: the caller answers 202 before a large file is parsed.
    await nextTurn();
    const rows = request.format === 'csv' ? csvRows(request.text, request.kind, lang) : geojsonRows(request.text, request.kind, lang);
    status.phase = 'validating';
    status.total = rows.length;

    // On SQLite the draft reads complete without returning to the event loop: yield between the
    // large steps so progress polls are answered while a big file is read.
    await nextTurn();
    const drafts = this.drafts();
    // The revisions read here guard the save: another save of these files meanwhile (an edit, a
    // second import) makes this one fail with a conflict instead of overwriting it.
    const revs: Record<string, number> = {};
    const read = async (path: string) => {
      const file = await drafts.draftFile(path);
      revs[path] = file?.rev ?? 0;
      await nextTurn();
      return file?.content;
    };
    const district = (await read('district.json')) as DistrictConfig;
    const unitsPath = district.org.units;
    const gridsPath = district.org.grids ?? 'org/grids.geojson';
    const units = ((await read(unitsPath)) ?? []) as OrgUnit[];
    const grids = (district.org.grids ? await read(gridsPath) : undefined) as GridCollection | undefined;
    const checked = await checkOrgImport(
      request.kind,
      rows,
      { district, units, grids: grids?.features ?? [], unitsFile: unitsPath, gridsFile: gridsPath },
      { lang, onProgress: (p) => Object.assign(status, p) },
    );
    status.accepted = checked.accepted.length;
    status.rejected = checked.rejections.length;
    status.rejections = checked.rejections.slice(0, MAX_REJECTIONS);
    if (request.dryRun) {
      status.state = 'done';
      return;
    }
    if (checked.rejections.length) {
      // All or nothing: a half-imported tree is worse than none; the report says what to fix.
      throw new ValidationError(t(lang, 'orgImport.rejectedNothingWritten', { count: checked.rejections.length }));
    }
    status.phase = 'writing';
    status.processed = 0;
    const files: Record<string, unknown> = {};
    if (request.kind === 'units') {
      const merged = mergeUnits(units, checked.accepted as unknown as OrgUnit[]);
      files[unitsPath] = merged.content;
      Object.assign(status, { added: merged.added, replaced: merged.replaced });
    } else {
      const merged = mergeGrids(grids, checked.accepted as unknown as GridFeature[]);
      files[gridsPath] = merged.content;
      // A district without a grids file gets one, referenced from district.json.
      if (!district.org.grids) files['district.json'] = { ...district, org: { ...district.org, grids: gridsPath } };
      Object.assign(status, { added: merged.added, replaced: merged.replaced });
    }
    await nextTurn();
    await drafts.saveDraftFiles(ctx, files, Object.fromEntries(Object.keys(files).map((path) => [path, revs[path] ?? 0])));
    status.processed = status.total;
    status.applied = true;
    status.state = 'done';
  }

  private evict(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) if (job.finishedAt && now - job.finishedAt > KEEP_MS) this.jobs.delete(id);
  }
}
