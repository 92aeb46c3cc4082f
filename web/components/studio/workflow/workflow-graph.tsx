'use client';

import { Background, Controls, Handle, MarkerType, Position, ReactFlow, type Edge, type Node, type NodeChange, type NodeProps, type ReactFlowInstance, type XYPosition } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { localized, uiText, type UiLang } from '../../../i18n';
import { NODE_HEIGHT, NODE_WIDTH } from './workflow-layout';
import { placeStates } from './workflow-positions';
import type { GraphProblem, Selection, WorkflowDefinition } from './workflow-model';

interface StateNodeData extends Record<string, unknown> {
  label: string;
  stateKey: string;
  initial: boolean;
  final: boolean;
  problem?: GraphProblem['kind'];
  flagged: boolean;
  lang: UiLang;
}

const PROBLEM_COLOUR = '#d4380d';

function StateNode({ data, selected }: NodeProps<Node<StateNodeData>>) {
  const tx = (k: Parameters<typeof uiText>[1]) => uiText(data.lang, k);
  const bad = data.problem || data.flagged;
  return (
    <div
      className="gw-wf-state"
      data-state={data.stateKey}
      data-problem={data.problem ?? (data.flagged ? 'server' : undefined)}
      style={{
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        boxSizing: 'border-box',
        borderRadius: data.final ? 28 : 6,
        border: `${selected ? 3 : data.initial || data.final ? 2 : 1}px ${data.problem === 'unreachable' ? 'dashed' : 'solid'} ${bad ? PROBLEM_COLOUR : selected ? '#1677ff' : '#555'}`,
        outline: data.final ? '1px solid #555' : undefined,
        outlineOffset: 2,
        background: bad ? '#fff2e8' : data.initial ? '#e6f4ff' : '#fff',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        fontSize: 13,
        padding: 4,
        textAlign: 'center',
      }}
    >
      <Handle type="target" position={Position.Top} />
      <strong>{data.label}</strong>
      <span style={{ fontSize: 11, color: bad ? PROBLEM_COLOUR : '#666' }}>
        {[data.initial && tx('studio.wf.initial'), data.final && tx('studio.wf.final'), data.problem === 'deadEnd' && tx('studio.wf.deadEnd'), data.problem === 'unreachable' && tx('studio.wf.unreachable')]
          .filter(Boolean)
          .join(' · ') || data.stateKey}
      </span>
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
}

const nodeTypes = { state: StateNode };
const FIT = { padding: 0.05 };

/**
 * The workflow as a graph: states as nodes (initial filled blue, final rounded with a double
 * border), one edge per transition and source state, labelled with the transition's name.
 * Unreachable states and dead ends are drawn in red; clicking selects a state or a transition.
 * States are drawn at their saved positions (else placed by dagre); dragging one reports where it
 * was dropped through `onMove`.
 */
export function WorkflowGraph(props: {
  definition: WorkflowDefinition;
  problems: GraphProblem[];
  /** States and transitions the server's check names. */
  flagged: Set<string>;
  selection: Selection;
  onSelect: (selection: Selection) => void;
  lang: UiLang;
  /** States dropped after a drag, with their new top-left corners. */
  onMove?: (positions: Record<string, XYPosition>) => void;
  /** Changed when every state moved at once (auto layout): the view is fitted to the graph again. */
  fitKey?: number;
  height?: number;
}) {
  const { definition, problems, flagged, selection, onSelect, onMove, fitKey, lang } = props;
  const flow = useRef<ReactFlowInstance<Node<StateNodeData>> | null>(null);
  useEffect(() => {
    if (fitKey) void flow.current?.fitView(FIT);
  }, [fitKey]);
  const placements = useMemo(() => placeStates(definition), [definition]);
  // Where the nodes being dragged are now: the nodes are derived from the definition, which only
  // changes when a drag ends.
  const [dragging, setDragging] = useState<Record<string, XYPosition>>({});
  const onNodesChange = (changes: NodeChange[]) => {
    const moved: Record<string, XYPosition> = {};
    for (const c of changes) if (c.type === 'position' && c.position && c.dragging) moved[c.id] = c.position;
    if (Object.keys(moved).length) setDragging((d) => ({ ...d, ...moved }));
  };
  const nodes = useMemo<Node<StateNodeData>[]>(
    () =>
      definition.states.map((s, i) => ({
        id: s.key,
        type: 'state',
        position: dragging[s.key] ?? { x: placements[i].x, y: placements[i].y },
        // Known sizes and handles: edges render before (or without) measuring the DOM.
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        handles: [
          { type: 'target', position: Position.Top, x: NODE_WIDTH / 2 - 4, y: -4, width: 8, height: 8 },
          { type: 'source', position: Position.Bottom, x: NODE_WIDTH / 2 - 4, y: NODE_HEIGHT - 4, width: 8, height: 8 },
        ],
        selected: selection?.kind === 'state' && selection.key === s.key,
        data: {
          label: localized(s.label, lang),
          stateKey: s.key,
          initial: s.key === definition.initial,
          final: !!s.final,
          problem: problems.find((p) => p.state === s.key)?.kind,
          flagged: flagged.has(`state:${s.key}`),
          lang,
        },
      })),
    [definition, placements, dragging, problems, flagged, selection, lang],
  );
  const edges = useMemo<Edge[]>(() => {
    const known = new Set(definition.states.map((s) => s.key));
    return definition.transitions.flatMap((t) =>
      t.from
        .filter((from) => known.has(from) && known.has(t.to))
        .map((from) => {
          const selected = selection?.kind === 'transition' && selection.key === t.key;
          const bad = flagged.has(`transition:${t.key}`);
          const colour = bad ? PROBLEM_COLOUR : selected ? '#1677ff' : t.system ? '#999' : '#555';
          return {
            id: `${t.key}:${from}`,
            source: from,
            target: t.to,
            label: localized(t.label, lang),
            data: { transition: t.key },
            selected,
            animated: selected,
            style: { stroke: colour, strokeWidth: selected ? 2.5 : 1.5, strokeDasharray: t.system ? '4 3' : undefined },
            labelStyle: { fill: colour, fontSize: 12 },
            labelBgStyle: { fill: '#fff' },
            markerEnd: { type: MarkerType.ArrowClosed, color: colour },
          } satisfies Edge;
        }),
    );
  }, [definition, flagged, selection, lang]);
  return (
    <div style={{ height: props.height ?? 680, border: '1px solid #d9d9d9', borderRadius: 6 }} aria-label={uiText(lang, 'studio.wf.graph')} role="figure">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        nodesConnectable={false}
        nodesDraggable={!!onMove}
        onNodesChange={onNodesChange}
        onNodeDragStop={(_, _node, dropped) => {
          setDragging({});
          const at = new Map(placements.map((p) => [p.key, p]));
          const same = (a: XYPosition | undefined, b: XYPosition) => !!a && Math.round(a.x) === Math.round(b.x) && Math.round(a.y) === Math.round(b.y);
          const moved = dropped.filter((n) => !same(at.get(n.id), n.position));
          if (moved.length) onMove?.(Object.fromEntries(moved.map((n) => [n.id, n.position])));
        }}
        onInit={(instance) => (flow.current = instance)}
        fitView
        fitViewOptions={FIT}
        minZoom={0.2}
        onNodeClick={(_, node) => onSelect({ kind: 'state', key: node.id })}
        onEdgeClick={(_, edge) => onSelect({ kind: 'transition', key: String(edge.data?.transition) })}
        onPaneClick={() => onSelect(null)}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
