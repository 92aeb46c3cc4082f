/**
 * Materialised paths: '/xg/wcl/jmx/g4/'. Everything under a unit is the byte range
 * [path, path with its final '/' replaced by '0') — '0' is the character after '/' — so a subtree
 * is one range scan on the path index in both dialects (PostgreSQL's column is collate "C").
 */
export function childPath(parentPath: string | undefined, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

export function subtreeBounds(path: string): [lower: string, upperExclusive: string] {
  return [path, `${path.slice(0, -1)}0`];
}

export function isInSubtree(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}
