'use client';

import { Button, Col, Row, Tag } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { fill, localized, uiText, type UiKey, type UiLang } from '../../../i18n';
import { SaveToolbar } from '../save-toolbar';
import type { StudioIssue } from '../studio-issues';
import { useDraftSave, type DraftSaver } from '../use-draft-save';
import { AddItemForm } from './add-item-form';
import { StatePanel } from './state-panel';
import { TransitionPanel } from './transition-panel';
import type { WorkflowEditorContext } from './workflow-context';
import { WorkflowGraph } from './workflow-graph';
import { analyseWorkflow, issueTarget, type Selection, type WorkflowDefinition } from './workflow-model';
import { autoLayout, moveStates } from './workflow-positions';
import { WorkflowSettingsPanel } from './workflow-settings-panel';

export type WorkflowSave = DraftSaver<WorkflowDefinition>;

type Panel = Selection | { kind: 'add'; what: 'state' | 'transition' };

/**
 * The workflow editor: the graph, a side panel for what is selected, the problems found as you
 * edit (unreachable states, dead ends) and those of the server's check; saving writes the draft.
 * Arranging the graph (dropping a dragged state, auto layout) saves at once: there is nothing to
 * review in a position, and an arrangement left unsaved is lost on the next page load.
 */
export function WorkflowEditor(props: {
  path: string;
  definition: WorkflowDefinition;
  rev: number;
  context: WorkflowEditorContext;
  issues: StudioIssue[];
  save: WorkflowSave;
  onChange?: (def: WorkflowDefinition) => void;
  lang: UiLang;
}) {
  const { lang, context, path } = props;
  const tx = (k: UiKey) => uiText(lang, k);
  const [definition, setDefinition] = useState(props.definition);
  // The newest definition, for edits that build on it before React has re-rendered (a drop right
  // after a drop) and for saves, which the draft hook runs one after the other.
  const latest = useRef(props.definition);
  const draft = useDraftSave(props.save, props.rev);
  const [panel, setPanel] = useState<Panel>(null);
  const [arranged, setArranged] = useState(0);
  // The server's issues stay listed across later edits, until the next save answers with its own.
  const [serverIssues, setServerIssues] = useState<StudioIssue[]>(props.issues);
  const { dirty, refusal } = draft;
  const problems = useMemo(() => analyseWorkflow(definition), [definition]);
  const mine = (i: StudioIssue) => !i.file || i.file === path;
  // Server issues point into the saved file: only meaningful while the graph is what was saved.
  const flagged = useMemo(() => {
    const set = new Set<string>();
    if (dirty) return set;
    for (const i of [...serverIssues, ...(refusal?.issues ?? [])].filter(mine)) {
      const target = issueTarget(definition, i.path);
      if (target) set.add(`${target.kind}:${target.key}`);
    }
    return set;
  }, [serverIssues, refusal, definition, dirty]);
  const selection: Selection = panel && panel.kind !== 'add' ? panel : null;

  function change(next: WorkflowDefinition) {
    latest.current = next;
    setDefinition(next);
    draft.changed();
    props.onChange?.(next);
  }

  async function save() {
    const issues = await draft.save(latest.current);
    if (issues) setServerIssues(issues);
  }

  function arrange(next: WorkflowDefinition) {
    change(next);
    void save();
  }

  const stateLabel = (key: string) => localized(definition.states.find((s) => s.key === key)?.label, lang) || key;
  return (
    <div className="gw-wf-editor">
      <SaveToolbar state={draft} onSave={() => void save()} lang={lang} file={path} draftIssues={false}>
        <Button onClick={() => setPanel({ kind: 'add', what: 'state' })}>{tx('studio.wf.addState')}</Button>
        <Button onClick={() => setPanel({ kind: 'add', what: 'transition' })}>{tx('studio.wf.addTransition')}</Button>
        <Button onClick={() => setPanel(null)}>{tx('studio.wf.settings')}</Button>
        <Button
          onClick={() => {
            arrange(autoLayout(latest.current));
            setArranged((n) => n + 1);
          }}
          title={tx('studio.wf.autoLayoutHelp')}
        >
          {tx('studio.wf.autoLayout')}
        </Button>
        <span style={{ color: '#666' }}>{fill(tx('studio.wf.counts'), { states: definition.states.length, transitions: definition.transitions.length })}</span>
        <span style={{ color: '#999' }}>{tx('studio.wf.dragHint')}</span>
      </SaveToolbar>
      <Row gutter={12}>
        <Col xs={24} lg={15}>
          <WorkflowGraph
            definition={definition}
            problems={problems}
            flagged={flagged}
            selection={selection}
            onSelect={setPanel}
            onMove={(positions) => arrange(moveStates(latest.current, positions))}
            fitKey={arranged}
            lang={lang}
          />
          <section aria-label={tx('studio.wf.problems')} style={{ marginTop: 8 }}>
            <h3 style={{ margin: '4px 0' }}>{tx('studio.wf.problems')}</h3>
            {problems.length === 0 && serverIssues.length === 0 ? (
              <p style={{ margin: 0, color: '#389e0d' }} data-testid="wf-no-problems">
                {tx('studio.wf.noProblems')}
              </p>
            ) : (
              <ul data-testid="wf-problems" style={{ margin: 0, paddingLeft: 0, listStyle: 'none', border: '1px solid #f0f0f0', borderRadius: 6 }}>
                {[
                  ...problems.map((p) => ({
                    key: `${p.kind}:${p.state}`,
                    text: fill(tx(p.kind === 'deadEnd' ? 'studio.wf.deadEndOf' : 'studio.wf.unreachableOf'), { state: stateLabel(p.state) }),
                    select: { kind: 'state', key: p.state } as Selection,
                    tag: tx('studio.wf.found'),
                  })),
                  ...serverIssues.map((i, n) => ({
                    key: `server:${n}`,
                    text: `${i.file ? `${i.file} ` : ''}${i.path} ${i.message}`,
                    select: mine(i) ? issueTarget(definition, i.path) : null,
                    tag: tx('studio.wf.serverCheck'),
                  })),
                ].map((item) => (
                  <li key={item.key} style={{ padding: '6px 10px', borderBottom: '1px solid #f0f0f0' }}>
                    <Tag color="red">{item.tag}</Tag>
                    {item.select ? (
                      <Button type="link" size="small" onClick={() => setPanel(item.select)} style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }}>
                        {item.text}
                      </Button>
                    ) : (
                      item.text
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </Col>
        <Col xs={24} lg={9}>
          <aside aria-label={tx('studio.wf.panel')} style={{ border: '1px solid #d9d9d9', borderRadius: 6, padding: 12, maxHeight: 760, overflow: 'auto' }}>
            {panel?.kind === 'add' ? (
              <AddItemForm
                key={panel.what}
                kind={panel.what}
                definition={definition}
                lang={lang}
                onCancel={() => setPanel(null)}
                onAdded={(next, key) => {
                  change(next);
                  setPanel({ kind: panel.what, key });
                }}
              />
            ) : panel?.kind === 'state' ? (
              <StatePanel key={panel.key} definition={definition} stateKey={panel.key} problem={problems.find((p) => p.state === panel.key)?.kind} onChange={change} onRemoved={() => setPanel(null)} context={context} lang={lang} />
            ) : panel?.kind === 'transition' ? (
              <TransitionPanel key={panel.key} definition={definition} transitionKey={panel.key} onChange={change} onRemoved={() => setPanel(null)} context={context} lang={lang} />
            ) : (
              <WorkflowSettingsPanel definition={definition} onChange={change} context={context} lang={lang} />
            )}
          </aside>
        </Col>
      </Row>
    </div>
  );
}
