import type { Action, LocalizedText, WorkflowDefinition } from '../../../../core/config/types.generated';
import { withoutPosition } from './workflow-positions';

export type { Action, WorkflowDefinition };
export type WorkflowState = WorkflowDefinition['states'][number];
export type WorkflowTransition = WorkflowDefinition['transitions'][number];

/** What the editor has selected: a state, a transition, or nothing (the workflow's own settings). */
export type Selection = { kind: 'state'; key: string } | { kind: 'transition'; key: string } | null;

export interface GraphProblem {
  kind: 'unreachable' | 'deadEnd';
  state: string;
}

/**
 * The same rules as the server's cross-check (core/config/cross-check.ts): every state reachable
 * from the initial one, and every non-final state has a way out. Shown on the graph as you edit.
 */
export function analyseWorkflow(def: WorkflowDefinition): GraphProblem[] {
  const reachable = new Set([def.initial]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of def.transitions) {
      if (!reachable.has(t.to) && t.from.some((s) => reachable.has(s))) {
        reachable.add(t.to);
        grew = true;
      }
    }
  }
  const problems: GraphProblem[] = [];
  for (const s of def.states) {
    if (!reachable.has(s.key)) problems.push({ kind: 'unreachable', state: s.key });
    else if (!s.final && !def.transitions.some((t) => t.from.includes(s.key))) problems.push({ kind: 'deadEnd', state: s.key });
  }
  return problems;
}

/** An issue of the server (JSON pointer into the workflow file) → the state or transition it is about. */
export function issueTarget(def: WorkflowDefinition, pointer: string): Selection {
  const m = /^\/(states|transitions)\/(\d+)/.exec(pointer);
  if (!m) return null;
  const item = m[1] === 'states' ? def.states[Number(m[2])] : def.transitions[Number(m[2])];
  if (!item) return null;
  return { kind: m[1] === 'states' ? 'state' : 'transition', key: item.key };
}

const KEY = /^[a-z][a-zA-Z0-9]*$/;

/** Why a new key cannot be used (null when it can). */
export function keyProblem(def: WorkflowDefinition, kind: 'state' | 'transition', key: string): 'format' | 'taken' | null {
  if (!KEY.test(key)) return 'format';
  const taken = kind === 'state' ? def.states.some((s) => s.key === key) : def.transitions.some((t) => t.key === key);
  return taken ? 'taken' : null;
}

export function updateState(def: WorkflowDefinition, key: string, patch: Partial<WorkflowState>): WorkflowDefinition {
  const states = def.states.map((s) => (s.key === key ? dropEmpty({ ...s, ...patch }) : s)) as WorkflowDefinition['states'];
  return { ...def, states };
}

export function updateTransition(def: WorkflowDefinition, key: string, patch: Partial<WorkflowTransition>): WorkflowDefinition {
  return { ...def, transitions: def.transitions.map((t) => (t.key === key ? dropEmpty({ ...t, ...patch }) : t)) };
}

export function addState(def: WorkflowDefinition, key: string, label: LocalizedText): WorkflowDefinition {
  return { ...def, states: [...def.states, { key, label }] };
}

/**
 * Removes a state with the transitions into it, its place in others' `from` (a transition left with
 * no source goes too) and its saved position.
 */
export function removeState(def: WorkflowDefinition, key: string): WorkflowDefinition {
  if (key === def.initial) return def;
  const states = def.states.filter((s) => s.key !== key) as WorkflowDefinition['states'];
  const transitions = def.transitions
    .filter((t) => t.to !== key)
    .map((t) => ({ ...t, from: t.from.filter((f) => f !== key) as WorkflowTransition['from'] }))
    .filter((t) => t.from.length > 0);
  return withoutPosition({ ...def, states, transitions }, key);
}

export function addTransition(def: WorkflowDefinition, transition: Pick<WorkflowTransition, 'key' | 'label' | 'from' | 'to'>): WorkflowDefinition {
  return { ...def, transitions: [...def.transitions, { ...transition, roles: [] }] };
}

export function removeTransition(def: WorkflowDefinition, key: string): WorkflowDefinition {
  return { ...def, transitions: def.transitions.filter((t) => t.key !== key) };
}

/** Optional keys left empty by the editor are dropped, so the file keeps its shape (no `"actions": []`). */
function dropEmpty<T extends object>(item: T): T {
  const out = { ...item } as Record<string, unknown>;
  for (const k of ['onEnter', 'actions', 'final', 'system', 'form', 'guard']) {
    const v = out[k];
    if (v === undefined || v === false || (Array.isArray(v) && v.length === 0)) delete out[k];
  }
  return out as T;
}

/** The fields an action of each kind uses (the schema's Action allows all on any; the engine reads these). */
export const ACTION_FIELDS: Record<Action['do'], (keyof Action)[]> = {
  startClock: ['clock'],
  stopClock: ['clock'],
  assignResponsible: ['to', 'field'],
  escalate: ['level'],
  createTasks: ['field', 'completion', 'onComplete'],
  notify: ['roles', 'message'],
  requestSatisfaction: [],
  closeNotices: [],
  hook: ['name'],
};

/** Changes an action's kind, keeping only the fields the new kind uses. */
export function retypeAction(action: Action, kind: Action['do']): Action {
  const next: Action = { do: kind };
  for (const f of ACTION_FIELDS[kind]) if (action[f] !== undefined) (next as unknown as Record<string, unknown>)[f] = action[f];
  return next;
}
