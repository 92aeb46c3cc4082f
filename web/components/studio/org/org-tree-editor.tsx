'use client';

import { Alert, Button, Col, Descriptions, Input, Row, Select, Space, Tree } from 'antd';
import { useMemo, useState } from 'react';
import { uiText, type UiKey, type UiLang } from '../../../i18n';
import { SaveToolbar } from '../save-toolbar';
import { useDraftSave, type DraftSaver } from '../use-draft-save';
import { addUnit, moveUnit, orgTree, removeUnit, renameUnit, type GridCollection, type OrgEditProblem, type OrgUnit } from './org-model';

const PROBLEMS: Record<OrgEditProblem, UiKey> = {
  idTaken: 'studio.org.idTaken',
  idFormat: 'studio.org.idFormat',
  cycle: 'studio.org.cycle',
  hasChildren: 'studio.org.hasChildren',
  nameEmpty: 'studio.org.nameEmpty',
};

const KINDS: OrgUnit['kind'][] = ['area', 'department', 'commandCentre', 'gridHome', 'building'];

/**
 * The org tree of org/units.json with its grids as leaves: add, rename, move (drag or choose a
 * parent) and remove units; saving writes units.json into the draft.
 */
export function OrgTreeEditor(props: {
  units: OrgUnit[];
  grids?: GridCollection;
  rev: number;
  levels: { value: string; label: string }[];
  save: DraftSaver<OrgUnit[]>;
  lang: UiLang;
}) {
  const { lang, grids, levels } = props;
  const tx = (k: UiKey) => uiText(lang, k);
  const [units, setUnits] = useState(props.units);
  const draft = useDraftSave(props.save, props.rev);
  const [selected, setSelected] = useState<string | null>(null);
  const [problem, setProblem] = useState<OrgEditProblem | null>(null);
  const [child, setChild] = useState({ id: '', name: '', level: levels[0]?.value ?? '', kind: 'area' as OrgUnit['kind'] });
  const [name, setName] = useState('');
  const tree = useMemo(() => orgTree(units, grids, lang), [units, grids, lang]);
  const unit = units.find((u) => u.id === selected);
  const grid = !unit && selected ? grids?.features.find((f) => f.properties.id === selected) : undefined;

  function apply(result: OrgUnit[] | OrgEditProblem) {
    if (typeof result === 'string') return setProblem(result);
    setProblem(null);
    setUnits(result);
    draft.changed();
  }
  const parentOptions = units.map((u) => ({ value: u.id, label: `${u.name} (${u.id})` }));
  return (
    <div>
      <SaveToolbar state={draft} onSave={() => draft.save(units)} lang={lang} />
      {problem && <Alert type="error" showIcon role="alert" style={{ marginBottom: 8 }} title={tx(PROBLEMS[problem])} closable={{ onClose: () => setProblem(null) }} />}
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Tree
            aria-label={tx('studio.org.tree')}
            treeData={tree.map(function decorate(n): any {
              return { key: n.key, title: n.grid ? `${n.title} · ${tx('studio.org.grid')}` : n.title, isLeaf: !n.children, children: n.children?.map(decorate) };
            })}
            height={520}
            defaultExpandedKeys={tree.map((n) => n.key)}
            selectedKeys={selected ? [selected] : []}
            draggable={{ icon: false, nodeDraggable: (node) => units.some((u) => u.id === node.key) }}
            allowDrop={({ dropNode, dropPosition }) => dropPosition === 0 && units.some((u) => u.id === dropNode.key)}
            onDrop={(info) => apply(moveUnit(units, String(info.dragNode.key), String(info.node.key)))}
            onSelect={(keys) => {
              const key = keys[0] ? String(keys[0]) : null;
              setSelected(key);
              setName(units.find((u) => u.id === key)?.name ?? '');
            }}
          />
        </Col>
        <Col xs={24} md={12}>
          {unit && (
            <Space orientation="vertical" style={{ width: '100%' }} data-panel="unit">
              <h3 style={{ margin: 0 }}>
                {unit.name} <code>{unit.id}</code>
              </h3>
              <Space.Compact style={{ width: '100%' }}>
                <Input aria-label={tx('studio.org.name')} value={name} onChange={(e) => setName(e.target.value)} />
                <Button onClick={() => apply(renameUnit(units, unit.id, name))}>{tx('studio.org.rename')}</Button>
              </Space.Compact>
              <label>
                {tx('studio.org.parent')}
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  allowClear
                  aria-label={tx('studio.org.parent')}
                  style={{ width: '100%' }}
                  value={unit.parent}
                  options={parentOptions.filter((o) => o.value !== unit.id)}
                  onChange={(parent) => apply(moveUnit(units, unit.id, parent))}
                />
              </label>
              <Button danger onClick={() => (apply(removeUnit(units, grids, unit.id)), setSelected(null))}>
                {tx('studio.org.remove')}
              </Button>
              <div style={{ borderTop: '1px solid #eee', paddingTop: 8 }} data-panel="add-unit">
                <strong>{tx('studio.org.addChild')}</strong>
                <Space wrap style={{ marginTop: 4 }}>
                  <Input aria-label={tx('studio.org.id')} placeholder={tx('studio.org.id')} value={child.id} onChange={(e) => setChild({ ...child, id: e.target.value.trim() })} style={{ width: 150 }} />
                  <Input aria-label={tx('studio.org.name')} placeholder={tx('studio.org.name')} value={child.name} onChange={(e) => setChild({ ...child, name: e.target.value })} style={{ width: 150 }} />
                  <Select aria-label={tx('studio.org.level')} value={child.level} options={levels} onChange={(level) => setChild({ ...child, level })} style={{ width: 110 }} />
                  <Select aria-label={tx('studio.org.kind')} value={child.kind} options={KINDS.map((k) => ({ value: k, label: k }))} onChange={(kind) => setChild({ ...child, kind })} style={{ width: 140 }} />
                  <Button
                    onClick={() => {
                      apply(addUnit(units, { id: child.id, name: child.name, level: child.level, kind: child.kind, parent: unit.id }));
                      setChild({ ...child, id: '', name: '' });
                    }}
                  >
                    {tx('studio.edit.add')}
                  </Button>
                </Space>
              </div>
            </Space>
          )}
          {grid && (
            <Descriptions size="small" bordered column={1} title={grid.properties.name} data-panel="grid">
              <Descriptions.Item label={tx('studio.org.id')}>{grid.properties.id}</Descriptions.Item>
              <Descriptions.Item label={tx('studio.org.parent')}>{grid.properties.parent}</Descriptions.Item>
              <Descriptions.Item label={tx('studio.org.level')}>{grid.properties.level}</Descriptions.Item>
              <Descriptions.Item label={tx('studio.org.gridEditHint')}>{tx('studio.org.gridEditHintText')}</Descriptions.Item>
            </Descriptions>
          )}
          {!selected && <p style={{ color: '#666' }}>{tx('studio.org.selectHint')}</p>}
        </Col>
      </Row>
    </div>
  );
}
