import type { GridCollection, OrgUnit } from '../../../../core/config/types.generated';

export type { GridCollection, OrgUnit };

export type OrgEditProblem = 'idTaken' | 'idFormat' | 'cycle' | 'hasChildren' | 'nameEmpty';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export function addUnit(units: OrgUnit[], unit: OrgUnit): OrgUnit[] | OrgEditProblem {
  if (!ID.test(unit.id)) return 'idFormat';
  if (units.some((u) => u.id === unit.id)) return 'idTaken';
  if (!unit.name.trim()) return 'nameEmpty';
  return [...units, unit];
}

export function renameUnit(units: OrgUnit[], id: string, name: string): OrgUnit[] | OrgEditProblem {
  if (!name.trim()) return 'nameEmpty';
  return units.map((u) => (u.id === id ? { ...u, name: name.trim() } : u));
}

/** Ids of a unit and everything below it. */
export function subtreeIds(units: OrgUnit[], id: string): Set<string> {
  const out = new Set([id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const u of units) if (u.parent && out.has(u.parent) && !out.has(u.id)) (out.add(u.id), (grew = true));
  }
  return out;
}

/** Moves a unit under another; refused when the new parent is the unit itself or below it. */
export function moveUnit(units: OrgUnit[], id: string, parent: string | undefined): OrgUnit[] | OrgEditProblem {
  if (parent && subtreeIds(units, id).has(parent)) return 'cycle';
  return units.map((u) => {
    if (u.id !== id) return u;
    const { parent: _old, ...rest } = u;
    return parent ? { ...rest, parent } : rest;
  });
}

/** Removes a unit that has nothing below it (units or grids); a unit with children is refused. */
export function removeUnit(units: OrgUnit[], grids: GridCollection | undefined, id: string): OrgUnit[] | OrgEditProblem {
  if (units.some((u) => u.parent === id) || grids?.features.some((f) => f.properties.parent === id)) return 'hasChildren';
  return units.filter((u) => u.id !== id);
}

export interface OrgTreeNode {
  key: string;
  title: string;
  grid: boolean;
  children?: OrgTreeNode[];
}

/** The tree for antd's Tree: units from units.json, grids (from grids.geojson) as leaves under their parents. */
export function orgTree(units: OrgUnit[], grids: GridCollection | undefined, lang: 'zh-CN' | 'en'): OrgTreeNode[] {
  const byParent = new Map<string, OrgTreeNode[]>();
  const roots: OrgTreeNode[] = [];
  const known = new Set(units.map((u) => u.id));
  const place = (parent: string | undefined, node: OrgTreeNode) => {
    if (parent && known.has(parent)) {
      if (!byParent.has(parent)) byParent.set(parent, []);
      byParent.get(parent)!.push(node);
    } else roots.push(node);
  };
  for (const u of units) place(u.parent, { key: u.id, title: (lang === 'en' && u.nameEn) || u.name, grid: false });
  for (const f of grids?.features ?? []) place(f.properties.parent, { key: f.properties.id, title: (lang === 'en' && f.properties.nameEn) || f.properties.name, grid: true });
  const attach = (n: OrgTreeNode): OrgTreeNode => {
    const kids = byParent.get(n.key);
    return kids ? { ...n, children: kids.map(attach) } : n;
  };
  return roots.map(attach);
}
