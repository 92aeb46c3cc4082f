'use client';

import Select from 'antd/es/select';
import TreeSelect from 'antd/es/tree-select';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { UiLang } from '../../../i18n';
import { formText } from '../form-text';
import type { OrgUnitOption, SelectOption } from '../types';
import { AntdLocale } from './antd-locale';
import type { WidgetProps } from './widget-props';
import { widgetAria } from './text-widgets';

interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}

const trees = new WeakMap<OrgUnitOption[], Partial<Record<UiLang, TreeNode[]>>>();

/** The flat org list as a tree (built once per list). */
export function orgTree(units: OrgUnitOption[], lang: UiLang): TreeNode[] {
  let roots = trees.get(units)?.[lang];
  if (roots) return roots;
  const nodes = new Map(units.map((u) => [u.id, { value: u.id, title: (lang === 'en' && u.nameEn) || u.name, children: [] as TreeNode[] }]));
  roots = [];
  for (const u of units) {
    const parentId = u.parentId ?? u.parent;
    const parent = parentId ? nodes.get(parentId) : undefined;
    (parent ? parent.children : roots).push(nodes.get(u.id)!);
  }
  trees.set(units, { ...trees.get(units), [lang]: roots });
  return roots;
}

export function OrgUnitWidget(p: WidgetProps) {
  const units = p.runtime.context.orgUnits ?? [];
  const treeData = useMemo(() => orgTree(units, p.runtime.lang), [units, p.runtime.lang]);
  const multiple = p.field.schema.type === 'array';
  return (
    <AntdLocale lang={p.runtime.lang}>
      <TreeSelect
        {...widgetAria(p)}
        status={p.invalid ? 'error' : undefined}
        style={{ width: '100%' }}
        treeData={treeData}
        value={p.value ?? (multiple ? [] : undefined)}
        multiple={multiple}
        allowClear
        showSearch
        treeNodeFilterProp="title"
        treeDefaultExpandAll={units.length < 60}
        placeholder={p.field.placeholder ?? formText(p.runtime.lang, 'form.select')}
        notFoundContent={formText(p.runtime.lang, 'form.noMatch')}
        onChange={(v) => p.onChange(multiple ? v : (v ?? undefined))}
      />
    </AntdLocale>
  );
}

/** People found by the page's search function (debounced); chosen ones keep their labels. */
export function PersonWidget(p: WidgetProps) {
  const search = p.runtime.context.searchPeople;
  const multiple = p.field.schema.type === 'array';
  const [options, setOptions] = useState<SelectOption[]>([]);
  const known = useRef(new Map<string | number, string>());
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef(0);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onSearch = (query: string) => {
    clearTimeout(timer.current);
    if (!search || !query.trim()) return;
    const ticket = ++latest.current;
    timer.current = setTimeout(() => {
      search(query.trim()).then(
        (found) => {
          if (ticket !== latest.current) return;
          for (const o of found) known.current.set(o.value, o.label);
          setOptions(found);
        },
        () => undefined,
      );
    }, 250);
  };
  const values = p.value === undefined ? [] : Array.isArray(p.value) ? p.value : [p.value];
  const shown = [
    ...options,
    ...values.filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v as string, label: known.current.get(v as string) ?? String(v) })),
  ];
  return (
    <AntdLocale lang={p.runtime.lang}>
      <Select
        {...widgetAria(p)}
        status={p.invalid ? 'error' : undefined}
        style={{ width: '100%' }}
        mode={multiple ? 'multiple' : undefined}
        showSearch={{ filterOption: false, onSearch }}
        value={p.value ?? (multiple ? [] : undefined)}
        options={shown}
        allowClear
        placeholder={p.field.placeholder ?? formText(p.runtime.lang, 'form.searchPerson')}
        notFoundContent={formText(p.runtime.lang, 'form.noMatch')}
        onChange={(v) => p.onChange(v ?? undefined)}
      />
    </AntdLocale>
  );
}
