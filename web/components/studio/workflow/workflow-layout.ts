import { Graph, layout } from '@dagrejs/dagre';
import type { WorkflowDefinition } from './workflow-model';

export const NODE_WIDTH = 150;
export const NODE_HEIGHT = 56;

export interface StatePlacement {
  key: string;
  x: number;
  y: number;
}

/**
 * A layered layout of the states (dagre, top to bottom from the initial state: a case workflow is
 * a long chain, which fits the editor's tall canvas beside the side panel). Only positions:
 * edges are drawn by React Flow between the nodes' handles.
 */
export function layoutWorkflow(def: WorkflowDefinition): StatePlacement[] {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 30, ranksep: 60, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const s of def.states) g.setNode(s.key, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const known = new Set(def.states.map((s) => s.key));
  for (const t of def.transitions) {
    for (const from of t.from) {
      // Back edges (reopen, return) are laid out like the others; dagre reverses cycles itself.
      if (known.has(from) && known.has(t.to) && from !== t.to) g.setEdge(from, t.to, {}, `${t.key}:${from}`);
    }
  }
  layout(g);
  return def.states.map((s) => {
    const n = g.node(s.key);
    return { key: s.key, x: (n?.x ?? 0) - NODE_WIDTH / 2, y: (n?.y ?? 0) - NODE_HEIGHT / 2 };
  });
}
