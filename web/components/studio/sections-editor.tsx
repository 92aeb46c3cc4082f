'use client';

import { Button, Input, InputNumber, Select, Switch } from 'antd';
import { useId, useState } from 'react';
import type { EntityDefinition } from '../../../core/config/types.generated';
import { fill, localized, uiText, type UiKey, type UiLang } from '../../i18n';
import {
  addGroup,
  fieldChoices,
  fieldKeys,
  removeGroup,
  removeSectionRule,
  sectionRules,
  setSectionRule,
  setSteps,
  updateGroup,
  type Field,
  type SectionRule,
} from './entity-model';

export interface SectionsEditorProps {
  lang: UiLang;
  def: EntityDefinition;
  onChange: (def: EntityDefinition) => void;
}

function fieldLabel(def: EntityDefinition, key: string, lang: UiLang): string {
  const f = def.schema.properties[key] as Field | undefined;
  return (lang === 'en' && (f?.['x-title-en'] as string)) || f?.title || key;
}

/** The value a condition compares with, in the control its field calls for (options, yes/no, number, text). */
function ConditionValue({ lang, field, value, onChange, label }: { lang: UiLang; field?: Field; value: unknown; onChange: (v: unknown) => void; label: string }) {
  const choices = field ? fieldChoices(field) : [];
  if (field?.type === 'boolean') {
    return (
      <Select
        aria-label={label}
        style={{ minWidth: 100 }}
        value={value === true ? 'true' : 'false'}
        onChange={(v) => onChange(v === 'true')}
        options={[
          { value: 'true', label: uiText(lang, 'form.yes') },
          { value: 'false', label: uiText(lang, 'form.no') },
        ]}
      />
    );
  }
  if (choices.length) {
    return <Select aria-label={label} style={{ minWidth: 140 }} value={String(value)} onChange={(v) => onChange(field?.type === 'integer' ? Number(v) : v)} options={choices.map((c) => ({ value: c.value, label: localized(c.label, lang) }))} />;
  }
  if (field?.type === 'number' || field?.type === 'integer') {
    return <InputNumber aria-label={label} value={typeof value === 'number' ? value : undefined} onChange={(v) => onChange(v ?? 0)} />;
  }
  return <Input aria-label={label} style={{ width: 160 }} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />;
}

/** Groups (and whether they are wizard steps) and conditional sections: "when field X is Y, show fields Z". */
export function SectionsEditor({ lang, def, onChange }: SectionsEditorProps) {
  const tx = (key: UiKey) => uiText(lang, key);
  const uid = useId().replace(/:/g, '');
  const keys = fieldKeys(def);
  const groups = def.ui?.groups ?? [];
  const steps = groups.some((g) => g.step);
  const rules = sectionRules(def);
  const otherRules = ((def.schema.allOf as unknown[] | undefined)?.length ?? 0) - rules.length;
  const [groupKey, setGroupKey] = useState('');
  const [groupLabel, setGroupLabel] = useState('');
  const groupKeyOk = /^[a-z][a-zA-Z0-9]*$/.test(groupKey) && !groups.some((g) => g.key === groupKey);
  const fieldOptions = keys.map((k) => ({ value: k, label: `${fieldLabel(def, k, lang)} (${k})` }));
  // Conditions read fields with a few values: choices and yes/no first.
  const conditionFields = keys.filter((k) => {
    const f = def.schema.properties[k] as Field;
    return fieldChoices(f).length || f.type === 'boolean';
  });
  const update = (rule: SectionRule, patch: Partial<SectionRule>) => onChange(setSectionRule(def, { ...rule, ...patch }, rule.index));

  return (
    <div className="gw-studio-sections">
      <section aria-labelledby={`${uid}-cond`}>
        <h3 id={`${uid}-cond`}>{tx('studio.sections.conditional')}</h3>
        <p className="gw-studio-hint">{tx('studio.sections.conditionalHelp')}</p>
        {rules.map((rule, n) => {
          const field = def.schema.properties[rule.field] as Field | undefined;
          return (
            <fieldset key={rule.index} className="gw-studio-rule" data-rule={n}>
              <legend>{fill(tx('studio.sections.rule'), { n: n + 1 })}</legend>
              <div className="gw-studio-rule-line">
                <span>{tx('studio.sections.when')}</span>
                <Select
                  virtual={false}
                  aria-label={fill(tx('studio.sections.ruleField'), { n: n + 1 })}
                  style={{ minWidth: 160 }}
                  value={rule.field}
                  onChange={(f: string) => {
                    const choice = fieldChoices(def.schema.properties[f] as Field)[0];
                    update(rule, { field: f, value: choice ? choice.value : true, show: rule.show.filter((k) => k !== f) });
                  }}
                  options={(conditionFields.length ? conditionFields : keys).map((k) => ({ value: k, label: fieldLabel(def, k, lang) }))}
                />
                <span>{tx('studio.sections.is')}</span>
                <ConditionValue lang={lang} field={field} value={rule.value} label={fill(tx('studio.sections.ruleValue'), { n: n + 1 })} onChange={(v) => update(rule, { value: v })} />
                <span>{tx('studio.sections.show')}</span>
              </div>
              <Select
                mode="multiple"
                virtual={false}
                aria-label={fill(tx('studio.sections.ruleShow'), { n: n + 1 })}
                style={{ width: '100%' }}
                value={rule.show}
                onChange={(show: string[]) => update(rule, { show, required: rule.required.filter((k) => show.includes(k)) })}
                options={fieldOptions.filter((o) => o.value !== rule.field)}
              />
              <label className="gw-studio-sub">{tx('studio.sections.requiredWhenShown')}</label>
              <Select
                mode="multiple"
                virtual={false}
                aria-label={fill(tx('studio.sections.ruleRequired'), { n: n + 1 })}
                style={{ width: '100%' }}
                value={rule.required}
                onChange={(required: string[]) => update(rule, { required })}
                options={fieldOptions.filter((o) => rule.show.includes(o.value))}
              />
              <Button danger size="small" style={{ marginTop: 6 }} onClick={() => onChange(removeSectionRule(def, rule.index))}>
                {tx('studio.sections.removeRule')}
              </Button>
            </fieldset>
          );
        })}
        {otherRules > 0 && <p className="gw-studio-hint">{fill(tx('studio.sections.jsonOnly'), { count: otherRules })}</p>}
        <Button
          disabled={!keys.length}
          onClick={() => {
            const f = conditionFields[0] ?? keys[0];
            const choice = fieldChoices(def.schema.properties[f] as Field)[0];
            onChange(setSectionRule(def, { field: f, value: choice ? choice.value : true, show: [], required: [] }));
          }}
        >
          {tx('studio.sections.addRule')}
        </Button>
      </section>

      <section aria-labelledby={`${uid}-groups`}>
        <h3 id={`${uid}-groups`}>{tx('studio.sections.groups')}</h3>
        <div className="gw-studio-row">
          <label htmlFor={`${uid}-steps`}>{tx('studio.sections.steps')}</label>
          <Switch id={`${uid}-steps`} checked={steps} disabled={!groups.length} onChange={(on) => onChange(setSteps(def, on))} />
        </div>
        {groups.map((g) => (
          <fieldset key={g.key} className="gw-studio-rule" data-group={g.key}>
            <legend>
              <code>{g.key}</code> · {fill(tx('studio.sections.groupFields'), { count: g.fields.length })}
            </legend>
            <Input aria-label={fill(tx('studio.sections.groupLabelZh'), { group: g.key })} value={g.label['zh-CN']} onChange={(e) => onChange(updateGroup(def, g.key, { label: { ...g.label, 'zh-CN': e.target.value } }))} style={{ marginBottom: 4 }} />
            <Input aria-label={fill(tx('studio.sections.groupLabelEn'), { group: g.key })} value={g.label.en ?? ''} onChange={(e) => onChange(updateGroup(def, g.key, { label: { ...g.label, en: e.target.value || undefined } }))} />
            <p className="gw-studio-hint">{g.fields.map((k) => fieldLabel(def, k, lang)).join('、')}</p>
            <Button danger size="small" onClick={() => onChange(removeGroup(def, g.key))}>
              {tx('studio.sections.removeGroup')}
            </Button>
          </fieldset>
        ))}
        <fieldset className="gw-studio-add">
          <legend>{tx('studio.sections.addGroup')}</legend>
          <label htmlFor={`${uid}-gkey`}>{tx('studio.sections.groupKey')}</label>
          <Input id={`${uid}-gkey`} value={groupKey} onChange={(e) => setGroupKey(e.target.value.trim())} status={groupKey && !groupKeyOk ? 'error' : undefined} />
          <label htmlFor={`${uid}-glabel`}>{tx('studio.sections.groupLabel')}</label>
          <Input id={`${uid}-glabel`} value={groupLabel} onChange={(e) => setGroupLabel(e.target.value)} />
          <Button
            style={{ marginTop: 8 }}
            disabled={!groupKeyOk || !groupLabel.trim()}
            onClick={() => {
              onChange(addGroup(def, groupKey, { 'zh-CN': groupLabel.trim() }));
              setGroupKey('');
              setGroupLabel('');
            }}
          >
            {tx('studio.designer.add')}
          </Button>
        </fieldset>
      </section>
    </div>
  );
}
