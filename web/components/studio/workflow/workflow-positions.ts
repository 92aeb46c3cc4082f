import type { StatePosition } from '../../../../core/config/types.generated';
import { layoutWorkflow, NODE_HEIGHT, NODE_WIDTH, type StatePlacement } from './workflow-layout';
import type { WorkflowDefinition } from './workflow-model';

/*
 * The positions an admin gave the states, kept in the workflow file's `layout` (like BPMN's diagram
 * interchange): the engine ignores them, the editor draws from them and writes them back.
 */

/** Space kept between a newly placed state and the nodes already on the canvas. */
const GAP = 20;

function savedPositions(def: WorkflowDefinition): Record<string, StatePosition> {
  return def.layout?.positions ?? {};
}

function has(positions: Record<string, StatePosition>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(positions, key);
}

/**
 * Where each state is drawn: at its saved position, else where dagre puts it, shifted as dagre's
 * layout is shifted from the saved positions of its neighbours (of every saved state when no
 * neighbour has one), so a new state appears next to the states it connects to, clear of the others.
 */
export function placeStates(def: WorkflowDefinition): StatePlacement[] {
  const auto = layoutWorkflow(def);
  const saved = savedPositions(def);
  const placed = new Map<string, StatePosition>();
  for (const s of def.states) if (has(saved, s.key)) placed.set(s.key, saved[s.key]);
  if (placed.size === 0) return auto;
  if (placed.size === def.states.length) return def.states.map((s) => ({ key: s.key, ...placed.get(s.key)! }));

  const autoAt = new Map(auto.map((p) => [p.key, p]));
  const shiftOf = (keys: string[]) => ({
    x: keys.reduce((sum, k) => sum + saved[k].x - autoAt.get(k)!.x, 0) / keys.length,
    y: keys.reduce((sum, k) => sum + saved[k].y - autoAt.get(k)!.y, 0) / keys.length,
  });
  const overall = shiftOf([...placed.keys()]);
  const overlaps = (p: StatePosition) => [...placed.values()].some((q) => Math.abs(q.x - p.x) < NODE_WIDTH + GAP && Math.abs(q.y - p.y) < NODE_HEIGHT + GAP);
  for (const p of auto) {
    if (placed.has(p.key)) continue;
    const near = neighbours(def, p.key).filter((k) => has(saved, k) && autoAt.has(k));
    const shift = near.length ? shiftOf(near) : overall;
    const at = { x: Math.round(p.x + shift.x), y: Math.round(p.y + shift.y) };
    while (overlaps(at)) at.x += NODE_WIDTH + GAP;
    placed.set(p.key, at);
  }
  return def.states.map((s) => ({ key: s.key, ...placed.get(s.key)! }));
}

function neighbours(def: WorkflowDefinition, key: string): string[] {
  const out = new Set<string>();
  for (const t of def.transitions) {
    if (t.to === key) t.from.forEach((f) => out.add(f));
    if (t.from.includes(key)) out.add(t.to);
  }
  out.delete(key);
  return [...out];
}

/**
 * The definition with these states moved and every other state saved where it is drawn now: once
 * an admin arranges one state the whole picture is fixed, rather than the unsaved ones following
 * it. Positions of states the workflow no longer has are left out.
 */
export function moveStates(def: WorkflowDefinition, moved: Record<string, StatePosition>): WorkflowDefinition {
  return withPlacements(def, placeStates(def).map((p) => ({ ...p, ...(has(moved, p.key) ? moved[p.key] : {}) })));
}

/** Every state where dagre puts it, saved: the editor's "auto layout", replacing any arrangement. */
export function autoLayout(def: WorkflowDefinition): WorkflowDefinition {
  return withPlacements(def, layoutWorkflow(def));
}

/** The placements as the workflow's positions, in whole pixels (the file stays readable). */
function withPlacements(def: WorkflowDefinition, placements: StatePlacement[]): WorkflowDefinition {
  const positions = Object.fromEntries(placements.map((p) => [p.key, { x: Math.round(p.x), y: Math.round(p.y) }]));
  return { ...def, layout: { ...def.layout, positions } };
}

/** The definition without a state's position (the state is gone); no empty `layout` left behind. */
export function withoutPosition(def: WorkflowDefinition, key: string): WorkflowDefinition {
  const saved = savedPositions(def);
  if (!has(saved, key)) return def;
  const { [key]: _gone, ...positions } = saved;
  if (Object.keys(positions).length) return { ...def, layout: { ...def.layout, positions } };
  const { layout: _layout, ...without } = def;
  return without;
}
