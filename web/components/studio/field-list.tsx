'use client';

import { Button, Input, Popconfirm, Select, Tag } from 'antd';
import { useId, useState } from 'react';
import type { EntityDefinition, Widget } from '../../../core/config/types.generated';
import { fill, uiText, type UiKey, type UiLang } from '../../i18n';
import { fieldKeys, fieldWidget, isRequiredAnywhere, keyProblem, sectionRules, WIDGETS, type Field } from './entity-model';
import { WIDGET_LABEL } from './studio-labels';

export interface FieldListProps {
  lang: UiLang;
  def: EntityDefinition;
  selected?: string;
  /** Fields with issues, marked in the list. */
  flagged: ReadonlySet<string>;
  onSelect: (key: string) => void;
  onMove: (key: string, delta: -1 | 1) => void;
  onMoveTo: (key: string, before: string | null) => void;
  onRemove: (key: string) => void;
  onAdd: (key: string, label: string, widget: Widget) => void;
}

/** The fields in form order: pick one to edit, move it (buttons or drag), remove it, or add a new one. */
export function FieldList({ lang, def, selected, flagged, onSelect, onMove, onMoveTo, onRemove, onAdd }: FieldListProps) {
  const tx = (key: UiKey) => uiText(lang, key);
  const uid = useId().replace(/:/g, '');
  const keys = fieldKeys(def);
  const conditional = new Set(sectionRules(def).flatMap((r) => r.show));
  const [dragged, setDragged] = useState<string | null>(null);
  const [newKey, setNewKey] = useState('');
  const [newLabel, setNewLabel] = useState('');
  const [newWidget, setNewWidget] = useState<Widget>('text');
  const problem = newKey ? keyProblem(def, newKey) : undefined;
  const canAdd = !!newKey && !problem && !!newLabel.trim();

  return (
    <div className="gw-studio-fields">
      <ol className="gw-studio-field-list" aria-label={tx('studio.designer.fields')}>
        {keys.map((key, i) => {
          const field = def.schema.properties[key] as Field;
          const label = (lang === 'en' && (field['x-title-en'] as string)) || field.title || key;
          return (
            <li
              key={key}
              data-field-key={key}
              aria-current={key === selected ? 'true' : undefined}
              draggable
              onDragStart={(e) => {
                setDragged(key);
                e.dataTransfer.effectAllowed = 'move';
              }}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault();
                if (dragged && dragged !== key) onMoveTo(dragged, key);
                setDragged(null);
              }}
            >
              <button type="button" className="gw-studio-field-pick" onClick={() => onSelect(key)}>
                <span className="gw-studio-field-label">
                  {label}
                  {isRequiredAnywhere(def, key) && <span aria-hidden> *</span>}
                </span>
                <code>{key}</code>
                <Tag>{tx(WIDGET_LABEL[fieldWidget(field)])}</Tag>
                {conditional.has(key) && <Tag color="blue">{tx('studio.designer.conditional')}</Tag>}
                {flagged.has(key) && <Tag color="red">{tx('studio.designer.hasIssues')}</Tag>}
              </button>
              <span className="gw-studio-field-actions">
                <Button size="small" disabled={i === 0} aria-label={fill(tx('studio.designer.moveUp'), { field: label })} onClick={() => onMove(key, -1)}>
                  ↑
                </Button>
                <Button size="small" disabled={i === keys.length - 1} aria-label={fill(tx('studio.designer.moveDown'), { field: label })} onClick={() => onMove(key, 1)}>
                  ↓
                </Button>
                <Popconfirm title={fill(tx('studio.designer.removeConfirm'), { field: label })} onConfirm={() => onRemove(key)} okText={tx('studio.confirm')} cancelText={tx('studio.cancel')}>
                  <Button size="small" danger aria-label={fill(tx('studio.designer.remove'), { field: label })}>
                    ✕
                  </Button>
                </Popconfirm>
              </span>
            </li>
          );
        })}
      </ol>
      <fieldset className="gw-studio-add">
        <legend>{tx('studio.designer.addField')}</legend>
        <label htmlFor={`${uid}-label`}>{tx('studio.field.labelZh')}</label>
        <Input id={`${uid}-label`} value={newLabel} onChange={(e) => setNewLabel(e.target.value)} />
        <label htmlFor={`${uid}-key`}>{tx('studio.field.key')}</label>
        <Input id={`${uid}-key`} value={newKey} placeholder="discoveredAt" onChange={(e) => setNewKey(e.target.value.trim())} status={problem ? 'error' : undefined} />
        {problem && <div className="gw-studio-error">{tx(problem === 'taken' ? 'studio.field.keyTaken' : 'studio.field.keyInvalid')}</div>}
        <label htmlFor={`${uid}-widget`}>{tx('studio.field.widget')}</label>
        <Select id={`${uid}-widget`} virtual={false} value={newWidget} onChange={setNewWidget} options={WIDGETS.map((w) => ({ value: w, label: tx(WIDGET_LABEL[w]) }))} style={{ width: '100%' }} />
        <Button
          type="primary"
          disabled={!canAdd}
          style={{ marginTop: 8 }}
          onClick={() => {
            onAdd(newKey, newLabel.trim(), newWidget);
            setNewKey('');
            setNewLabel('');
          }}
        >
          {tx('studio.designer.add')}
        </Button>
      </fieldset>
    </div>
  );
}
