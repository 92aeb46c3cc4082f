import type { Kysely } from 'kysely';
import { checkDistrictFiles, configFileSet, type DistrictBundle, type EntityDefinition } from '../config';
import type { ConversionReport, ServiceContext } from '../entities';
import { recordAndApply } from '../entities';
import { ConflictError, isGridworkError, NotFoundError, ValidationError, type ErrorIssue } from '../errors';
import { t, type Lang } from '../i18n';
import type { PluginDefinition } from '../plugin-sdk/define-plugin';
import { PluginHost } from '../plugin-sdk/plugin-host';
import type { Runtime } from '../runtime';
import { declaredName, kindOf, validateKind, type ConfigFileKind } from './config-kinds';
import { CONFIG_EXPORT_FORMAT, CONFIG_EXPORT_VERSION, exportedFiles, type ConfigExport } from './config-export';
import { collectConfigBlobs, type CollectedBlob } from './collect-blobs';
import type { ConfigStore, DraftRow, StoredVersion, VersionSource } from './config-store';
import { gridChanges, jsonChanges, type PointerChange } from './json-diff';
import { previewMigrations, type EntityMigration } from './migration-preview';
import { studioSchemas } from './studio-schemas';

export type FileChange = 'added' | 'modified' | 'removed';

export interface ConfigDiff {
  files: { path: string; change: FileChange; changes: PointerChange[]; truncated?: boolean }[];
  migrations: EntityMigration[];
  issues: ErrorIssue[];
}

export interface Conversion {
  entity: string;
  field: string;
  conversion: string;
}

const CHANGES_PER_FILE = 200;

interface StudioDeps {
  runtime: Runtime;
  store: ConfigStore;
  installed: PluginDefinition<any>[];
  activeVersion: number;
}

/**
 * The admin studio over the district's config: the shared draft, its check and diff against the
 * running version (with the table migrations it implies), publish, rollback, export and import.
 * Every way a version comes to run goes through one path (`applyFiles`): validate everything,
 * plan, refuse what would lose data, apply in one transaction, audit, reconfigure in place.
 */
export class StudioService {
  private active: number;
  private watchTimer: NodeJS.Timeout | null = null;
  private applying: Promise<unknown> = Promise.resolve();
  /** A newer version this instance cannot serve (say, a plugin it lacks): reported once. */
  private rejected?: number;

  constructor(private readonly deps: StudioDeps) {
    this.active = deps.activeVersion;
  }

  /** The version the runtime serves. */
  get activeVersion(): number {
    return this.active;
  }

  private get db(): Kysely<any> {
    return this.deps.runtime.db;
  }

  private get districtId(): string {
    return this.deps.runtime.bundle.district.id;
  }

  async activeFiles(): Promise<Record<string, unknown>> {
    return this.versionFiles(this.active);
  }

  private async versionFiles(version: number, lang: Lang = 'zh-CN'): Promise<Record<string, unknown>> {
    const stored = await this.deps.store.get(version);
    if (!stored) throw new NotFoundError(t(lang, 'studio.versionNotFound', { version }));
    return this.deps.store.files(stored.manifest);
  }

  /** The active files with the draft laid over them (removed files left out). */
  private async draftView(): Promise<{ active: Record<string, unknown>; merged: Record<string, unknown>; rows: Awaited<ReturnType<ConfigStore['draft']>> }> {
    const [active, rows] = await Promise.all([this.activeFiles(), this.deps.store.draft()]);
    const merged = { ...active };
    for (const row of rows) {
      if (row.deleted) delete merged[row.path];
      else merged[row.path] = row.content;
    }
    return { active, merged, rows };
  }

  async overview() {
    const { active, merged, rows } = await this.draftView();
    const stored = (await this.deps.store.get(this.active))!;
    const sizes = await this.deps.store.blobSizes(Object.values(stored.manifest));
    const inDraft = new Map(rows.map((r) => [r.path, r]));
    const district = merged['district.json'];
    const files = Object.keys(merged)
      .sort()
      .map((path) => {
        const kind = kindOf(path, district) ?? 'entity';
        const draft = inDraft.get(path);
        const bytes = draft ? Buffer.byteLength(JSON.stringify(draft.content)) : (sizes.get(stored.manifest[path]) ?? 0);
        return { path, kind, name: declaredName(kind, merged[path]), bytes, inDraft: !!draft };
      });
    const latest = rows.reduce<(typeof rows)[number] | undefined>((a, r) => (!a || r.updatedAt > a.updatedAt ? r : a), undefined);
    return {
      district: this.districtId,
      activeVersion: this.active,
      files,
      draft: rows.length
        ? {
            baseVersion: Math.min(...rows.map((r) => r.baseVersion)),
            changed: rows.map((r) => ({ path: r.path, change: (r.deleted ? 'removed' : r.path in active ? 'modified' : 'added') as FileChange })),
            updatedAt: latest!.updatedAt,
            updatedBy: latest!.updatedBy,
          }
        : null,
    };
  }

  /** A file as the studio edits it: the draft's content if the draft has it, else the active version's. */
  async draftFile(path: string): Promise<{ content: unknown; inDraft: boolean; rev: number; kind: ConfigFileKind } | undefined> {
    const { active, merged, rows } = await this.draftView();
    const row = rows.find((r) => r.path === path);
    const kind = kindOf(path, merged['district.json']);
    if (row && !row.deleted && kind) return { content: row.content, inDraft: true, rev: row.rev, kind };
    if (row?.deleted || !(path in active) || !kind) return undefined;
    return { content: active[path], inDraft: false, rev: 0, kind };
  }

  async file(path: string, lang: Lang) {
    const got = await this.draftFile(path);
    if (!got) throw new NotFoundError(t(lang, 'studio.fileNotFound', { path }));
    return { path, ...got };
  }

  schemas(): Record<ConfigFileKind, object> {
    return studioSchemas();
  }

  /**
   * Saves files into the draft (null removes one). Each is checked against its kind's schema
   * first; any problem throws a ValidationError and nothing is saved. `revs` (path → rev the
   * caller read) makes a save fail with a ConflictError when someone saved that file since.
   * Returns the whole draft's cross-check problems, which block publishing but not saving.
   */
  async saveDraftFiles(ctx: ServiceContext, files: Record<string, unknown | null>, revs: Record<string, number> = {}): Promise<{ issues: ErrorIssue[]; revs: Record<string, number> }> {
    const lang = ctx.lang;
    const { merged, active } = await this.draftView();
    const district = 'district.json' in files && files['district.json'] !== null ? files['district.json'] : merged['district.json'];
    const issues: ErrorIssue[] = [];
    for (const [path, content] of Object.entries(files)) {
      if (content === null) {
        if (path === 'district.json') issues.push({ file: path, path: '', message: t(lang, 'studio.cannotRemoveDistrict'), code: 'cannotRemove' });
        else if (!(path in merged) && !(path in active)) issues.push({ file: path, path: '', message: t(lang, 'studio.fileNotFound', { path }), code: 'fileNotFound' });
        continue;
      }
      const kind = kindOf(path, district);
      if (!kind || path.includes('..') || path.startsWith('/')) {
        issues.push({ file: path, path: '', message: t(lang, 'studio.unknownFile', { path }), code: 'unknownFile' });
        continue;
      }
      issues.push(...validateKind(kind, content, path, lang));
    }
    if (issues.length) throw new ValidationError(t(lang, 'studio.invalidFile', { count: issues.length }), issues);
    const saved: Record<string, number> = {};
    await this.db.transaction().execute(async (trx) => {
      for (const [path, content] of Object.entries(files)) {
        const current = await this.deps.store.draftRow(trx, path);
        const rev = current?.rev ?? 0;
        if (path in revs && revs[path] !== rev) {
          throw new ConflictError(t(lang, 'studio.staleRev', { path, rev: revs[path], current: rev }), [{ file: path, path: '', message: t(lang, 'studio.staleRev', { path, rev: revs[path], current: rev }), code: 'staleRev' }]);
        }
        // Back to what runs: the file leaves the draft instead of staying as a no-op change.
        const unchanged = content === null ? !(path in active) : path in active && JSON.stringify(active[path]) === JSON.stringify(content);
        if (unchanged) {
          await this.deps.store.deleteDraft(trx, path);
          saved[path] = 0;
          continue;
        }
        await this.deps.store.putDraft(trx, path, content, { rev: rev + 1, baseVersion: this.active, updatedBy: ctx.actor?.id ?? null, at: this.deps.runtime.now() });
        saved[path] = rev + 1;
      }
    });
    return { issues: (await this.check(lang)).issues, revs: saved };
  }

  async saveFile(ctx: ServiceContext, input: { path: string; content: unknown; rev?: number }): Promise<{ rev: number; issues: ErrorIssue[] }> {
    const { issues, revs } = await this.saveDraftFiles(ctx, { [input.path]: input.content }, input.rev === undefined ? {} : { [input.path]: input.rev });
    return { rev: revs[input.path], issues };
  }

  async removeFile(ctx: ServiceContext, path: string): Promise<{ issues: ErrorIssue[] }> {
    const { issues } = await this.saveDraftFiles(ctx, { [path]: null });
    return { issues };
  }

  async discardDraft(): Promise<void> {
    await this.db.transaction().execute((trx) => this.deps.store.clearDraft(trx));
    await this.collectQuietly();
  }

  /** Deletes config blobs nothing references any more (collect-blobs.ts); the CLI's `studio gc`. */
  async collectBlobs(options: { graceMs?: number } = {}): Promise<CollectedBlob[]> {
    return collectConfigBlobs(this.db, { now: this.deps.runtime.now(), graceMs: options.graceMs });
  }

  /** After a version is recorded or the draft discarded: housekeeping, never that operation's failure. */
  private async collectQuietly(): Promise<void> {
    try {
      const removed = await this.collectBlobs();
      if (removed.length) console.log(`[studio] removed ${removed.length} unreferenced config blob(s)`);
    } catch (e) {
      console.error('[studio] config blob collection failed:', e);
    }
  }

  /** The draft as a whole, as publishing would check it. */
  async check(lang: Lang): Promise<{ issues: ErrorIssue[] }> {
    const { merged, rows } = await this.draftView();
    return { issues: [...(await this.outdated(rows, lang)), ...this.checkFiles(merged, lang).issues] };
  }

  /**
   * Draft files whose published content changed after the draft took them (a deploy, another
   * admin's publish): publishing would silently undo that change, so it waits until the file is
   * saved again on top of the version that runs now.
   */
  private async outdated(rows: DraftRow[], lang: Lang): Promise<ErrorIssue[]> {
    const stale = rows.filter((r) => r.baseVersion < this.active);
    if (!stale.length) return [];
    const active = (await this.deps.store.get(this.active))!;
    const issues: ErrorIssue[] = [];
    for (const row of stale) {
      const base = await this.deps.store.get(row.baseVersion);
      if (base?.manifest[row.path] !== active.manifest[row.path]) {
        issues.push({ file: row.path, path: '', message: t(lang, 'studio.draftOutdated', { path: row.path, base: row.baseVersion, active: this.active }), code: 'draftOutdated' });
      }
    }
    return issues;
  }

  /** The whole check of a config: files, references, plugins, and what the enabled plugins add to it. */
  private checkFiles(files: Record<string, unknown>, lang: Lang): { bundle?: DistrictBundle; defs?: EntityDefinition[]; issues: ErrorIssue[] } {
    const { bundle, issues } = checkDistrictFiles(files, { dir: this.deps.runtime.options.configDir, expectedId: this.districtId, lang, plugins: this.deps.installed });
    const referenced = new Set(configFileSet(files['district.json']));
    const stray = Object.keys(files)
      .filter((p) => !referenced.has(p))
      .map((p) => ({ file: p, path: '', message: t(lang, 'studio.notReferenced', { path: p }), code: 'notReferenced' }));
    if (stray.length || !bundle) return { issues: [...issues, ...stray] };
    const entities = this.entityDefs(bundle);
    return entities.issues.length ? { issues: entities.issues } : { bundle, defs: entities.defs, issues };
  }

  /**
   * Entity definitions a config makes live, plugins' included (their tables are kept in step too).
   * What the enabled plugins cannot add (an entity or permission that exists) comes back as issues:
   * a config problem of the draft, not a server fault.
   */
  private entityDefs(bundle: DistrictBundle): { defs: EntityDefinition[]; issues: ErrorIssue[] } {
    try {
      const host = new PluginHost(this.deps.installed, bundle);
      return { defs: [...host.extendBundle(bundle).entities, ...host.disabledEntities()], issues: [] };
    } catch (e) {
      if (!isGridworkError(e) || e.kind !== 'config') throw e;
      return { defs: [], issues: e.issues.map((i) => ({ ...i, file: i.file ?? 'district.json' })) };
    }
  }

  async diff(lang: Lang, input: { from?: number; to?: number | 'draft' } = {}): Promise<ConfigDiff> {
    const from = await this.versionFiles(input.from ?? this.active, lang);
    const toVersion = input.to === undefined || input.to === 'draft' ? undefined : input.to;
    const to = toVersion === undefined ? (await this.draftView()).merged : await this.versionFiles(toVersion, lang);
    // Towards a stored version is what a rollback to it would do.
    return this.diffFiles(from, to, {}, lang, { preferRestore: toVersion !== undefined });
  }

  private async diffFiles(
    from: Record<string, unknown>,
    to: Record<string, unknown>,
    conversions: Record<string, Record<string, string>>,
    lang: Lang,
    options: { preferRestore?: boolean } = {},
  ): Promise<ConfigDiff> {
    const files: ConfigDiff['files'] = [];
    const district = to['district.json'] ?? from['district.json'];
    for (const path of [...new Set([...Object.keys(from), ...Object.keys(to)])].sort()) {
      const a = from[path];
      const b = to[path];
      if (a !== undefined && b !== undefined && (a === b || JSON.stringify(a) === JSON.stringify(b))) continue;
      const change: FileChange = a === undefined ? 'added' : b === undefined ? 'removed' : 'modified';
      if (kindOf(path, district) === 'grids') files.push({ path, change, changes: gridChanges(a, b, CHANGES_PER_FILE) });
      else files.push({ path, change, ...jsonChanges(a, b, CHANGES_PER_FILE) });
    }
    const { defs, issues } = this.checkFiles(to, lang);
    if (!defs) return { files, migrations: [], issues };
    const { migrations } = await previewMigrations(this.db, defs, conversions, lang, options);
    return { files, migrations, issues: [...issues, ...this.refusalIssues(migrations, to, lang)] };
  }

  /** Refused migrations as issues on the entity files, so a caller sees them like any other problem. */
  private refusalIssues(migrations: EntityMigration[], files: Record<string, unknown>, lang: Lang): ErrorIssue[] {
    const fileOf = (entity: string) => Object.keys(files).find((p) => kindOf(p, files['district.json']) === 'entity' && declaredName('entity', files[p]) === entity);
    return migrations.flatMap((m) =>
      m.refused.map((r) => ({
        file: fileOf(m.entity),
        path: `/schema/properties/${r.field}/${r.kind === 'typeChange' ? 'type' : 'x-renamedFrom'}`,
        message: `${r.reason} (${t(lang, 'studio.affectedRecords', { count: r.records })})`,
        code: r.kind,
      })),
    );
  }

  async publish(ctx: ServiceContext, input: { note?: string; conversions?: Conversion[] } = {}): Promise<{ version: number; conversions: (ConversionReport & { entity: string })[] }> {
    // The draft is laid over the active version only once any newer version is served (inside the
    // queue): a publish never reverts what another instance published meanwhile.
    const files = async () => {
      const { merged, rows } = await this.draftView();
      if (!rows.length) throw new ValidationError(t(ctx.lang, 'studio.nothingToPublish'), [{ path: '', message: t(ctx.lang, 'studio.nothingToPublish'), code: 'emptyDraft' }]);
      const outdated = await this.outdated(rows, ctx.lang);
      if (outdated.length) throw new ValidationError(t(ctx.lang, 'studio.publishRefused', { count: outdated.length }), outdated);
      return merged;
    };
    return this.applyFiles(ctx, files, { source: 'studio', note: input.note, conversions: input.conversions, clearDraft: true });
  }

  async rollback(ctx: ServiceContext, input: { toVersion: number; note?: string; conversions?: Conversion[] }): Promise<{ version: number; conversions: (ConversionReport & { entity: string })[] }> {
    const files = await this.versionFiles(input.toVersion, ctx.lang);
    return this.applyFiles(ctx, async () => files, {
      source: 'rollback',
      note: input.note ?? t(ctx.lang, 'studio.rollbackNote', { version: input.toVersion }),
      conversions: input.conversions,
      rolledBackTo: input.toVersion,
      preferRestore: true,
    });
  }

  async versions(): Promise<{ version: number; source: VersionSource; note: string | null; createdBy: string | null; createdAt: string; changed: string[] }[]> {
    const list = await this.deps.store.list();
    return list.map((v, i) => {
      const prev: StoredVersion | undefined = list[i + 1];
      const paths = new Set([...Object.keys(v.manifest), ...Object.keys(prev?.manifest ?? {})]);
      const changed = [...paths].filter((p) => v.manifest[p] !== prev?.manifest[p]).sort();
      return { version: v.version, source: v.source, note: v.note, createdBy: v.createdBy, createdAt: v.createdAt, changed };
    });
  }

  async exportConfig(): Promise<ConfigExport> {
    return {
      format: CONFIG_EXPORT_FORMAT,
      formatVersion: CONFIG_EXPORT_VERSION,
      district: this.districtId,
      version: this.active,
      exportedAt: this.deps.runtime.now().toISOString(),
      files: await this.activeFiles(),
    };
  }

  /**
   * An exported config, validated as a whole before anything is written; applied as one version
   * (source 'import') or, with dryRun, only reported. Another district, another format version or
   * any invalid file: refused, nothing changed.
   */
  async importConfig(ctx: ServiceContext, file: unknown, options: { dryRun?: boolean; conversions?: Conversion[] } = {}): Promise<{ issues: ErrorIssue[]; diff: ConfigDiff; version?: number }> {
    const lang = ctx.lang;
    const files = exportedFiles(file, this.districtId, lang);
    const conversions = conversionMap(options.conversions);
    const diff = await this.diffFiles(await this.activeFiles(), files, conversions, lang);
    if (options.dryRun || diff.issues.length) {
      if (diff.issues.length && !options.dryRun) throw new ValidationError(t(lang, 'studio.publishRefused', { count: diff.issues.length }), diff.issues);
      return { issues: diff.issues, diff };
    }
    const { version } = await this.applyFiles(ctx, async () => files, { source: 'import', note: t(lang, 'studio.importNote', { version: String((file as ConfigExport).version ?? '?') }), conversions: options.conversions });
    return { issues: [], diff, version };
  }

  /**
   * The one way a config version comes to run: check, plan, refuse what would lose data, then in
   * one transaction record the version, migrate the tables, append the audit entry (and clear the
   * draft); then reconfigure the running runtime in place.
   */
  private applyFiles(
    ctx: ServiceContext,
    files: () => Promise<Record<string, unknown>>,
    options: { source: VersionSource; note?: string; conversions?: Conversion[]; clearDraft?: boolean; rolledBackTo?: number; preferRestore?: boolean },
  ): Promise<{ version: number; conversions: (ConversionReport & { entity: string })[] }> {
    const run = this.applying.catch(() => {}).then(() => this.applyNow(ctx, files, options));
    this.applying = run;
    return run;
  }

  private async applyNow(
    ctx: ServiceContext,
    filesOf: () => Promise<Record<string, unknown>>,
    options: { source: VersionSource; note?: string; conversions?: Conversion[]; clearDraft?: boolean; rolledBackTo?: number; preferRestore?: boolean },
  ): Promise<{ version: number; conversions: (ConversionReport & { entity: string })[] }> {
    const lang = ctx.lang;
    await this.catchUp();
    const files = await filesOf();
    const { bundle, defs, issues } = this.checkFiles(files, lang);
    if (!bundle || !defs) throw new ValidationError(t(lang, 'studio.publishRefused', { count: issues.length }), issues);
    const conversions = conversionMap(options.conversions);
    const preview = await previewMigrations(this.db, defs, conversions, lang, { preferRestore: options.preferRestore });
    const refusals = this.refusalIssues(preview.migrations, files, lang);
    if (refusals.length) throw new ValidationError(t(lang, 'studio.publishRefused', { count: refusals.length }), refusals);
    const before = this.active;
    const beforeFiles = await this.activeFiles();
    const changed = [...new Set([...Object.keys(files), ...Object.keys(beforeFiles)])].filter((p) => JSON.stringify(files[p]) !== JSON.stringify(beforeFiles[p])).sort();
    const now = () => this.deps.runtime.now();
    const reports: (ConversionReport & { entity: string })[] = [];
    const stored = await this.db
      .transaction()
      .execute(async (trx) => {
        if ((await this.deps.store.latestNumber(trx)) !== before) throw new ConflictError(t(lang, 'studio.versionMoved'));
        const version = await this.deps.store.record(trx, files, { source: options.source, note: options.note ?? null, createdBy: ctx.actor?.id ?? null, at: now() });
        for (const { def, plan } of preview.plans) {
          for (const r of await recordAndApply(trx, this.deps.runtime.dialect, def, plan, now)) reports.push({ ...r, entity: def.name });
        }
        await this.deps.runtime.audit(trx, [
          {
            actorId: ctx.actor?.id ?? null,
            action: 'config.publish',
            subjectType: 'Config',
            subjectId: String(version.version),
            diff: {
              before: { version: before },
              after: { version: version.version },
              source: options.source,
              note: options.note ?? null,
              changed,
              ...(options.rolledBackTo ? { rolledBackTo: options.rolledBackTo } : {}),
              migrations: preview.migrations.map((m) => ({ entity: m.entity, fromVersion: m.fromVersion, toVersion: m.toVersion, effects: m.effects.map((e) => ({ field: e.field, effect: e.effect, records: e.records })) })),
              conversions: reports,
            },
            requestId: ctx.requestId ?? null,
            ip: ctx.ip ?? null,
          },
        ]);
        if (options.clearDraft) await this.deps.store.clearDraft(trx);
        return version;
      })
      .catch((e) => {
        // Another instance published in between (the version number is the primary key).
        if (e instanceof ConflictError || /unique|duplicate|constraint/i.test(String((e as Error).message))) throw new ConflictError(t(lang, 'studio.versionMoved'));
        throw e;
      });
    // Served first, then marked active: should the swap fail, the watch tries this version again.
    await this.deps.runtime.reconfigure(bundle);
    this.active = stored.version;
    await this.collectQuietly();
    return { version: stored.version, conversions: reports };
  }

  /** Serves the newest stored version if another instance published one. Returns whether it changed. */
  async catchUp(): Promise<boolean> {
    const latest = await this.deps.store.latest();
    if (!latest || latest.version <= this.active) return false;
    const files = await this.deps.store.files(latest.manifest);
    const { bundle, issues } = checkDistrictFiles(files, { dir: this.deps.runtime.options.configDir, expectedId: this.districtId, lang: this.deps.runtime.options.lang, plugins: this.deps.installed });
    if (!bundle) {
      if (this.rejected === latest.version) return false;
      this.rejected = latest.version;
      console.error(`[studio] config version ${latest.version} does not pass the check here (${issues.length} issue(s)); still serving ${this.active}`);
      return false;
    }
    await this.deps.runtime.reconfigure(bundle);
    this.active = latest.version;
    return true;
  }

  /** Polls for versions published by other instances (PostgreSQL deployments run several). */
  watch(intervalMs = 5000): void {
    if (this.watchTimer) return;
    const tick = async () => {
      try {
        await (this.applying = this.applying.catch(() => {}).then(() => this.catchUp()));
      } catch (e) {
        console.error('[studio] watch failed:', e);
      }
      if (this.watchTimer) this.watchTimer = setTimeout(tick, intervalMs).unref();
    };
    this.watchTimer = setTimeout(tick, intervalMs).unref();
  }

  /** Resolves once no publish, rollback, import or catch-up is running. */
  async idle(): Promise<void> {
    await this.applying.catch(() => {});
  }

  stopWatch(): void {
    if (this.watchTimer) clearTimeout(this.watchTimer);
    this.watchTimer = null;
  }
}

function conversionMap(list: Conversion[] = []): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const c of list) (out[c.entity] ??= {})[c.field] = c.conversion;
  return out;
}
