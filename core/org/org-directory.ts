import type { Kysely } from 'kysely';
import { subtreeBounds } from './org-path';

export interface OrgUnitInfo {
  id: string;
  name: string;
  nameEn: string | null;
  level: string;
  kind: string;
  parentId: string | null;
  path: string;
  depth: number;
}

/**
 * The org tree held in memory (28k units for Zhengzhou is a few MB): writes need a unit's path on
 * every record, and reading it from the database each time would double the cost of an insert.
 */
export class OrgDirectory {
  private units = new Map<string, OrgUnitInfo>();
  private childIds = new Map<string, string[]>();

  constructor(private readonly db: Kysely<any>) {}

  async load(): Promise<this> {
    const rows = await this.db
      .selectFrom('org_unit')
      .select(['id', 'name', 'name_en', 'level', 'kind', 'parent_id', 'path', 'depth'])
      .execute();
    this.units = new Map(
      rows.map((r) => [
        r.id,
        { id: r.id, name: r.name, nameEn: r.name_en, level: r.level, kind: r.kind, parentId: r.parent_id, path: r.path, depth: Number(r.depth) },
      ]),
    );
    this.childIds = new Map();
    for (const unit of this.units.values()) {
      if (!unit.parentId) continue;
      const list = this.childIds.get(unit.parentId);
      if (list) list.push(unit.id);
      else this.childIds.set(unit.parentId, [unit.id]);
    }
    return this;
  }

  get(id: string): OrgUnitInfo | undefined {
    return this.units.get(id);
  }

  get size(): number {
    return this.units.size;
  }

  root(): OrgUnitInfo | undefined {
    for (const unit of this.units.values()) if (!unit.parentId) return unit;
    return undefined;
  }

  all(): IterableIterator<OrgUnitInfo> {
    return this.units.values();
  }

  children(id: string): OrgUnitInfo[] {
    return (this.childIds.get(id) ?? []).map((c) => this.units.get(c)!);
  }

  /** Units in the subtree of `id` (itself included), straight from the path index. */
  async subtree(id: string): Promise<OrgUnitInfo[]> {
    const unit = this.units.get(id);
    if (!unit) return [];
    const [lower, upper] = subtreeBounds(unit.path);
    const rows = await this.db
      .selectFrom('org_unit')
      .select(['id'])
      .where('path', '>=', lower)
      .where('path', '<', upper)
      .orderBy('path')
      .execute();
    return rows.map((r) => this.units.get(r.id)!).filter(Boolean);
  }
}
