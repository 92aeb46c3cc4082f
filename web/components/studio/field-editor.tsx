'use client';

import { Alert, Button, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { EntityDefinition, LocalizedText, Widget } from '../../../core/config/types.generated';
import { fill, uiText, type UiKey, type UiLang } from '../../i18n';
import type { FieldIssue } from '../form';
import {
  changeWidget,
  CHOICE_WIDGETS,
  fieldChoices,
  fieldWidget,
  groupOf,
  isRequiredAnywhere,
  keyProblem,
  PII_KINDS,
  setChoices,
  setGroup,
  setRequired,
  setUiOption,
  updateField,
  WIDGET_TYPES,
  WIDGETS,
  withKeyword,
  type Choice,
  type Field,
} from './entity-model';
import { PII_LABEL, TYPE_LABEL, WIDGET_LABEL } from './studio-labels';

export interface FieldEditorProps {
  lang: UiLang;
  def: EntityDefinition;
  fieldKey: string;
  onChange: (def: EntityDefinition) => void;
  onRename: (to: string) => void;
  /** Issues about this field (client or server), shown above its controls. */
  issues: FieldIssue[];
}

/** One labelled control; the label points at the control so screen readers and tests find it by name. */
function Row({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="gw-studio-row">
      <label htmlFor={id}>{label}</label>
      <div>{children}</div>
    </div>
  );
}

function numberOr(v: number | null): number | undefined {
  return v === null ? undefined : v;
}

/** Every property of one field: name, labels, widget and type, validation, options, help, flags, group. */
export function FieldEditor({ lang, def, fieldKey, onChange, onRename, issues }: FieldEditorProps) {
  const tx = (key: UiKey) => uiText(lang, key);
  const uid = useId().replace(/:/g, '');
  const id = (name: string) => `${uid}-${name}`;
  const field = def.schema.properties[fieldKey] as Field;
  const widget = fieldWidget(field);
  const [name, setName] = useState(fieldKey);
  useEffect(() => setName(fieldKey), [fieldKey]);
  const problem = name === fieldKey ? undefined : keyProblem(def, name, fieldKey);
  const put = (next: Field) => onChange(updateField(def, fieldKey, next));
  const set = (keyword: string, value: unknown) => put(withKeyword(field, keyword, value));
  const help = def.ui?.fields?.[fieldKey]?.help;
  const setHelp = (lng: 'zh-CN' | 'en', text: string) => {
    const next: LocalizedText = { 'zh-CN': help?.['zh-CN'] ?? '', ...(help?.en ? { en: help.en } : {}), [lng]: text };
    if (!next.en) delete next.en;
    onChange(setUiOption(def, fieldKey, 'help', next['zh-CN'] || next.en ? next : undefined));
  };
  const commitName = () => {
    if (name !== fieldKey && !keyProblem(def, name, fieldKey)) onRename(name);
  };
  const type = Array.isArray(field.type) ? field.type[0] : field.type;
  const types = WIDGET_TYPES[widget];
  const stringy = type === 'string' && !field.format && !field.enum && !field['x-source'] && widget !== 'readonly';
  const listy = type === 'array';
  const numeric = type === 'number' || type === 'integer';
  const choices = fieldChoices(field);
  const setChoice = (i: number, patch: Partial<Choice>) => put(setChoices(field, choices.map((c, j) => (j === i ? { ...c, ...patch } : c))));
  const groups = def.ui?.groups ?? [];
  let patternProblem: string | undefined;
  if (typeof field.pattern === 'string') {
    try {
      new RegExp(field.pattern, 'u');
    } catch (e) {
      patternProblem = (e as Error).message;
    }
  }

  return (
    <div className="gw-studio-field-editor" data-field-editor={fieldKey}>
      {issues.map((issue, i) => (
        <Alert key={i} type="error" showIcon role="alert" title={`${issue.path}: ${issue.message}`} style={{ marginBottom: 8 }} />
      ))}
      <Row id={id('key')} label={tx('studio.field.key')}>
        <Input
          id={id('key')}
          value={name}
          onChange={(e) => setName(e.target.value.trim())}
          onBlur={commitName}
          onPressEnter={commitName}
          status={problem ? 'error' : undefined}
        />
        {problem && <div className="gw-studio-error">{tx(problem === 'taken' ? 'studio.field.keyTaken' : 'studio.field.keyInvalid')}</div>}
        {typeof field['x-renamedFrom'] === 'string' && <div className="gw-studio-hint">{fill(tx('studio.field.renamedFrom'), { from: field['x-renamedFrom'] })}</div>}
      </Row>
      <Row id={id('title')} label={tx('studio.field.labelZh')}>
        <Input id={id('title')} value={field.title} onChange={(e) => put({ ...field, title: e.target.value })} status={field.title ? undefined : 'error'} />
      </Row>
      <Row id={id('titleEn')} label={tx('studio.field.labelEn')}>
        <Input id={id('titleEn')} value={(field['x-title-en'] as string) ?? ''} onChange={(e) => set('x-title-en', e.target.value)} />
      </Row>
      <Row id={id('widget')} label={tx('studio.field.widget')}>
        <Select
          id={id('widget')}
          virtual={false}
          style={{ width: '100%' }}
          value={widget}
          onChange={(w: Widget) => put(changeWidget(field, w, { 'zh-CN': uiText('zh-CN', 'studio.field.firstOption'), en: uiText('en', 'studio.field.firstOption') }))}
          options={WIDGETS.map((w) => ({ value: w, label: tx(WIDGET_LABEL[w]) }))}
        />
      </Row>
      <Row id={id('type')} label={tx('studio.field.type')}>
        <Select
          id={id('type')}
          style={{ width: '100%' }}
          value={type}
          disabled={types.length < 2}
          onChange={(t: string) => put({ ...field, type: t })}
          options={[...new Set([type ?? types[0], ...types])].map((t) => ({ value: t, label: TYPE_LABEL[t] ? tx(TYPE_LABEL[t]) : t }))}
        />
      </Row>
      <Row id={id('required')} label={tx('studio.field.required')}>
        <Switch id={id('required')} checked={isRequiredAnywhere(def, fieldKey)} onChange={(on) => onChange(setRequired(def, fieldKey, on))} />
      </Row>
      {numeric && (
        <>
          <Row id={id('minimum')} label={tx('studio.field.minimum')}>
            <InputNumber id={id('minimum')} value={field.minimum as number | undefined} onChange={(v) => set('minimum', numberOr(v as number | null))} />
          </Row>
          <Row id={id('maximum')} label={tx('studio.field.maximum')}>
            <InputNumber id={id('maximum')} value={field.maximum as number | undefined} onChange={(v) => set('maximum', numberOr(v as number | null))} />
          </Row>
        </>
      )}
      {stringy && (
        <>
          <Row id={id('minLength')} label={tx('studio.field.minLength')}>
            <InputNumber id={id('minLength')} min={0} precision={0} value={field.minLength as number | undefined} onChange={(v) => set('minLength', numberOr(v as number | null))} />
          </Row>
          <Row id={id('maxLength')} label={tx('studio.field.maxLength')}>
            <InputNumber id={id('maxLength')} min={1} precision={0} value={field.maxLength as number | undefined} onChange={(v) => set('maxLength', numberOr(v as number | null))} />
          </Row>
          <Row id={id('pattern')} label={tx('studio.field.pattern')}>
            <Input id={id('pattern')} value={(field.pattern as string) ?? ''} onChange={(e) => set('pattern', e.target.value)} status={patternProblem ? 'error' : undefined} />
            {patternProblem && <div className="gw-studio-error">{fill(tx('studio.field.patternInvalid'), { reason: patternProblem })}</div>}
          </Row>
        </>
      )}
      {listy && widget !== 'group' && (
        <>
          <Row id={id('minItems')} label={tx('studio.field.minItems')}>
            <InputNumber id={id('minItems')} min={0} precision={0} value={field.minItems as number | undefined} onChange={(v) => set('minItems', numberOr(v as number | null))} />
          </Row>
          <Row id={id('maxItems')} label={tx('studio.field.maxItems')}>
            <InputNumber id={id('maxItems')} min={1} precision={0} value={field.maxItems as number | undefined} onChange={(v) => set('maxItems', numberOr(v as number | null))} />
          </Row>
        </>
      )}
      {CHOICE_WIDGETS.has(widget) && !field['x-source'] && (
        <fieldset className="gw-studio-options">
          <legend>{tx('studio.field.options')}</legend>
          {choices.map((c, i) => (
            <Space key={i} wrap style={{ marginBottom: 4 }}>
              <Input aria-label={fill(tx('studio.field.optionValue'), { n: i + 1 })} value={c.value} onChange={(e) => setChoice(i, { value: e.target.value.trim() })} style={{ width: 120 }} />
              <Input aria-label={fill(tx('studio.field.optionZh'), { n: i + 1 })} value={c.label['zh-CN']} onChange={(e) => setChoice(i, { label: { ...c.label, 'zh-CN': e.target.value } })} style={{ width: 140 }} />
              <Input aria-label={fill(tx('studio.field.optionEn'), { n: i + 1 })} value={c.label.en ?? ''} onChange={(e) => setChoice(i, { label: { ...c.label, en: e.target.value || undefined } })} style={{ width: 140 }} />
              <Button disabled={choices.length < 2} onClick={() => put(setChoices(field, choices.filter((_, j) => j !== i)))}>
                {tx('studio.field.optionRemove')}
              </Button>
            </Space>
          ))}
          <Button
            onClick={() => {
              const n = choices.length + 1;
              put(setChoices(field, [...choices, { value: `option${n}`, label: { 'zh-CN': fill(uiText('zh-CN', 'studio.field.optionN'), { n }), en: fill(uiText('en', 'studio.field.optionN'), { n }) } }]));
            }}
          >
            {tx('studio.field.optionAdd')}
          </Button>
        </fieldset>
      )}
      {field['x-source'] && (
        <p className="gw-studio-hint">{fill(tx('studio.field.source'), { source: String(field['x-source']) })}</p>
      )}
      <Row id={id('helpZh')} label={tx('studio.field.helpZh')}>
        <Input id={id('helpZh')} value={help?.['zh-CN'] ?? ''} onChange={(e) => setHelp('zh-CN', e.target.value)} />
      </Row>
      <Row id={id('helpEn')} label={tx('studio.field.helpEn')}>
        <Input id={id('helpEn')} value={help?.en ?? ''} onChange={(e) => setHelp('en', e.target.value)} />
      </Row>
      <Row id={id('pii')} label={tx('studio.field.pii')}>
        <Select
          id={id('pii')}
          style={{ width: '100%' }}
          value={(field['x-pii'] as string | undefined) ?? ''}
          onChange={(v: string) => set('x-pii', v || undefined)}
          options={[{ value: '', label: tx('studio.pii.none') }, ...PII_KINDS.map((k) => ({ value: k, label: tx(PII_LABEL[k]) }))]}
        />
      </Row>
      <Row id={id('index')} label={tx('studio.field.index')}>
        <Switch id={id('index')} checked={field['x-index'] === true} onChange={(on) => set('x-index', on)} />
      </Row>
      {type === 'string' && (
        <Row id={id('search')} label={tx('studio.field.search')}>
          <Switch id={id('search')} checked={field['x-search'] === true} onChange={(on) => set('x-search', on)} />
        </Row>
      )}
      {groups.length > 0 && (
        <Row id={id('group')} label={tx('studio.field.group')}>
          <Select
            id={id('group')}
            style={{ width: '100%' }}
            value={groupOf(def, fieldKey) ?? ''}
            onChange={(g: string) => onChange(setGroup(def, fieldKey, g || undefined))}
            options={[{ value: '', label: tx('studio.field.noGroup') }, ...groups.map((g) => ({ value: g.key, label: lang === 'en' && g.label.en ? g.label.en : g.label['zh-CN'] }))]}
          />
        </Row>
      )}
    </div>
  );
}
