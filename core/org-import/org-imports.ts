import { randomUUID } from 'node:crypto';
import type { DistrictConfig, GridCollection, GridFeature, OrgUnit } from '../config/types.generated';
import type { ServiceContext } from '../entities/service-context';
import { isGridworkError, NotFoundError, ValidationError, type ErrorIssue } from '../errors';
import { t } from '../i18n';
import { checkOrgImport } from './check-import';
import { csvRows } from './csv-rows';
import { geojsonRows } from './geojson-rows';
import { HEARTBEAT_MS, MAX_REJECTIONS, type ImportStatusStore, type OrgImportStatus } from './import-status-store';
import type { OrgImportFormat, OrgImportKind } from './import-rows';
import { mergeGrids, mergeUnits } from './merge-by-id';
import { StatusWriter, type StatusWriterOptions } from './status-writer';

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

export interface OrgImportsDeps {
  /** The studio's draft of the runtime the import writes into. */
  drafts: () => DraftAccess;
  /** Where status rows live: the runtime's database. */
  statuses: ImportStatusStore;
  /** The district of the runtime: a status is read only by the district that started it. */
  district: () => string;
  /** This process among the instances on the database (diagnostics: who ran an import). */
  owner: string;
  /** Test hooks: shorter heartbeat and progress intervals. */
  writer?: Partial<StatusWriterOptions>;
}

/** Lets timers and I/O run (a status poll, other requests) between two large synchronous steps. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Org imports: each runs in the background of the process that took the upload, and its status
 * (progress, the report) lives in the database, so a poll is answered by any instance and after a
 * restart. A restart does stop a running import: its heartbeat goes quiet and it reads as failed
 * (interrupted) — a dry run is repeated in seconds, and a real run writes only the draft, in one
 * save, at its very end, so an interrupted one wrote nothing.
 */
export class OrgImports {
  /** The imports running in this process, for `settled`. */
  private readonly jobs = new Map<string, Promise<void>>();

  constructor(private readonly deps: OrgImportsDeps) {}

  /** Records the import (its status is readable once this resolves), starts it in the background and answers its id. */
  async start(ctx: ServiceContext, request: OrgImportRequest): Promise<string> {
    const { statuses } = this.deps;
    await statuses.purge();
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
    await statuses.create(
      { id, district: this.deps.district(), kind: request.kind, format: request.format, dryRun: request.dryRun, owner: this.deps.owner, createdBy: ctx.actor?.id ?? null },
      status,
    );
    const writer = new StatusWriter(statuses, id, status, { heartbeatMs: HEARTBEAT_MS, progressMs: 1000, ...this.deps.writer });
    const done = this.run(ctx, request, status, writer)
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
      .then(() => writer.finish())
      .catch((e: unknown) => console.error('[org-import] final status not written:', e))
      .finally(() => this.jobs.delete(id));
    this.jobs.set(id, done);
    return id;
  }

  /** The import's status as stored, from whichever instance ran it. */
  async status(ctx: ServiceContext, id: string): Promise<OrgImportStatus> {
    const status = await this.deps.statuses.read(id, this.deps.district(), t(ctx.lang, 'orgImport.interrupted'));
    if (!status) throw new NotFoundError(t(ctx.lang, 'orgImport.unknown', { id }));
    return status;
  }

  /** Resolves when an import this process runs has finished and its report is stored (tests, the CLI). */
  async settled(id: string): Promise<void> {
    await this.jobs.get(id);
  }

  private async run(ctx: ServiceContext, request: OrgImportRequest, status: OrgImportStatus, writer: StatusWriter): Promise<void> {
    const { lang } = ctx;
    // Yield first: the caller answers 202 before a large file is parsed.
    await nextTurn();
    const rows = request.format === 'csv' ? csvRows(request.text, request.kind, lang) : geojsonRows(request.text, request.kind, lang);
    status.phase = 'validating';
    status.total = rows.length;
    writer.progress();

    // On SQLite the draft reads complete without returning to the event loop: yield between the
    // large steps so progress polls are answered while a big file is read.
    await nextTurn();
    const drafts = this.deps.drafts();
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
      {
        lang,
        onProgress: (p) => {
          Object.assign(status, p);
          writer.progress();
        },
      },
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
    writer.progress();
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
}
