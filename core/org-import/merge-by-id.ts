import type { GridCollection, GridFeature, OrgUnit } from '../config/types.generated';

/**
 * Imported items replace the stored item with the same id where it stands (the file's order and
 * the diff stay readable) and new ones are appended in the import's order. Nothing is removed:
 * records point at units, and removing one is an edit of its own.
 */
function mergeById<T>(existing: readonly T[], incoming: readonly T[], idOf: (item: T) => string): { items: T[]; added: number; replaced: number } {
  const byId = new Map(incoming.map((item) => [idOf(item), item]));
  let replaced = 0;
  const items = existing.map((item) => {
    const next = byId.get(idOf(item));
    if (!next) return item;
    byId.delete(idOf(item));
    replaced++;
    return next;
  });
  for (const item of byId.values()) items.push(item);
  return { items, added: byId.size, replaced };
}

export function mergeUnits(existing: readonly OrgUnit[], incoming: readonly OrgUnit[]) {
  const { items, added, replaced } = mergeById(existing, incoming, (u) => u.id);
  return { content: items, added, replaced };
}

export function mergeGrids(existing: GridCollection | undefined, incoming: readonly GridFeature[]) {
  const { items, added, replaced } = mergeById(existing?.features ?? [], incoming, (f) => f.properties.id);
  return { content: { ...(existing ?? {}), type: 'FeatureCollection' as const, features: items } satisfies GridCollection, added, replaced };
}
