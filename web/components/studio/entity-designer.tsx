'use client';

import { Alert, Button, Tabs } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { EntityDefinition, Widget } from '../../../core/config/types.generated';
import { fill, localized, uiText, type UiKey, type UiLang } from '../../i18n';
import { callError, trpc, type ServerIssue } from '../../lib/trpc-client';
import { loadValidator, type FieldIssue, type FormContext, type JsonSchema } from '../form';
import { addField, moveField, moveFieldTo, removeField, renameField, widgetSchema } from './entity-model';
import { FieldEditor } from './field-editor';
import { FieldList } from './field-list';
import { FormPreview } from './form-preview';
import { SectionsEditor } from './sections-editor';

const JsonEditor = lazy(() => import('./json-editor'));

export interface EntityDesignerProps {
  lang: UiLang;
  /** The file's path in the district config, e.g. entities/incident-case.json. */
  path: string;
  initial: EntityDefinition;
  /** The draft's revision of the file (0 when the draft does not have it yet). */
  rev: number;
  /** Fields of the running version: renaming one of them keeps its values (x-renamedFrom). */
  published: string[];
  /** The JSON Schema of entity files (studio.schemas().entity): validation as you type, completion. */
  entitySchema: object | null;
  /** Options of x-source fields for the preview (categories, channels, org units). */
  context: FormContext;
  /** After a save: the page refreshes what it shows around the designer (the draft banner). */
  onSaved?: () => void;
}

type Saved = { kind: 'saved' } | { kind: 'error'; message: string };

const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The field an issue's JSON pointer is about, if any. */
export function issueField(path: string): string | undefined {
  const m = /^\/(?:schema\/properties|ui\/fields)\/([^/]+)/.exec(path);
  return m ? m[1].replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}

function looksLikeEntity(v: unknown): v is EntityDefinition {
  const o = v as EntityDefinition;
  return !!o && typeof o === 'object' && !!o.schema && typeof o.schema === 'object' && !!o.schema.properties && typeof o.schema.properties === 'object';
}

/**
 * The entity and form designer: the field list and a field's properties, groups and conditional
 * sections, and the same definition as JSON — all editing one value — beside a live preview by
 * the real form renderer. Saving puts the file in the shared draft; the server's issues come back
 * beside the fields and lines they are about.
 */
export function EntityDesigner({ lang, path, initial, rev: initialRev, published, entitySchema, context, onSaved }: EntityDesignerProps) {
  const tx = (key: UiKey) => uiText(lang, key);
  const [def, setDefState] = useState<EntityDefinition>(initial);
  const [text, setText] = useState(() => pretty(initial));
  const [parseError, setParseError] = useState<string | null>(null);
  const [clientIssues, setClientIssues] = useState<FieldIssue[]>([]);
  const [serverIssues, setServerIssues] = useState<ServerIssue[]>([]);
  const [selected, setSelected] = useState<string | undefined>(() => Object.keys(initial.schema.properties)[0]);
  const [rev, setRev] = useState(initialRev);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [dirty, setDirty] = useState(false);
  const [validator, setValidator] = useState<((value: unknown) => FieldIssue[]) | null>(null);
  const publishedSet = useMemo(() => new Set(published), [published]);

  // The validator of entity files: the server's ajv setup (same messages) on the schema studio.schemas() gave.
  useEffect(() => {
    if (!entitySchema) return;
    let live = true;
    void loadValidator().then((m) => {
      if (!live) return;
      try {
        m.compileSchema(entitySchema as JsonSchema);
        setValidator(() => (value: unknown) => m.validateData(entitySchema as JsonSchema, value as Record<string, unknown>, lang));
      } catch {
        // A schema this ajv cannot compile: the server still validates on save.
      }
    });
    return () => {
      live = false;
    };
  }, [entitySchema, lang]);

  useEffect(() => {
    if (validator && !parseError) setClientIssues(validator(def));
  }, [validator, def, parseError]);

  function setDef(next: EntityDefinition) {
    setDefState(next);
    setText(pretty(next));
    setParseError(null);
    setDirty(true);
    setSaved(null);
  }

  function onText(next: string) {
    setText(next);
    setDirty(true);
    setSaved(null);
    let value: unknown;
    try {
      value = JSON.parse(next);
    } catch (e) {
      setParseError((e as Error).message);
      return;
    }
    setParseError(null);
    if (looksLikeEntity(value)) setDefState(value);
    else setClientIssues([{ path: '/schema/properties', message: tx('studio.designer.notEntity') }]);
  }

  const issues = useMemo(() => [...clientIssues, ...serverIssues.filter((i) => !i.file || i.file === path)], [clientIssues, serverIssues, path]);
  const otherIssues = serverIssues.filter((i) => i.file && i.file !== path);
  const flagged = useMemo(() => new Set(issues.map((i) => issueField(i.path)).filter((k): k is string => !!k)), [issues]);
  const blocked = parseError !== null || clientIssues.length > 0;

  async function save() {
    setSaving(true);
    setSaved(null);
    try {
      const res = await trpc.studio.saveFile.mutate({ path, content: def, rev: rev || undefined });
      setRev(res.rev);
      setServerIssues(res.issues);
      setDirty(false);
      setSaved({ kind: 'saved' });
      onSaved?.();
    } catch (e) {
      const failure = callError(e);
      setServerIssues(failure.issues);
      setSaved({ kind: 'error', message: failure.code === 'CONFLICT' ? tx('studio.designer.conflict') : failure.message });
    } finally {
      setSaving(false);
    }
  }

  const fieldsTab = (
    <div className="gw-studio-fields-tab">
      <FieldList
        lang={lang}
        def={def}
        selected={selected}
        flagged={flagged}
        onSelect={setSelected}
        onMove={(key, delta) => setDef(moveField(def, key, delta))}
        onMoveTo={(key, before) => setDef(moveFieldTo(def, key, before))}
        onRemove={(key) => {
          setDef(removeField(def, key));
          if (selected === key) setSelected(undefined);
        }}
        onAdd={(key, label, widget: Widget) => {
          const option = { 'zh-CN': uiText('zh-CN', 'studio.field.firstOption'), en: uiText('en', 'studio.field.firstOption') };
          setDef(addField(def, key, widgetSchema(widget, label, option)));
          setSelected(key);
        }}
      />
      {selected && def.schema.properties[selected] ? (
        <FieldEditor
          lang={lang}
          def={def}
          fieldKey={selected}
          onChange={setDef}
          onRename={(to) => {
            setDef(renameField(def, selected, to, publishedSet));
            setSelected(to);
          }}
          issues={issues.filter((i) => issueField(i.path) === selected)}
        />
      ) : (
        <p className="gw-studio-hint">{tx('studio.designer.pickField')}</p>
      )}
    </div>
  );

  return (
    <div className="gw-studio-designer" data-designer={def.name}>
      <div className="gw-studio-editor">
        <div className="gw-studio-toolbar">
          <h2>
            {localized(def.label, lang)} <code>{path}</code>
          </h2>
          <Button type="primary" onClick={save} loading={saving} disabled={blocked || saving} data-save>
            {tx('studio.designer.save')}
          </Button>
        </div>
        {parseError && <Alert type="error" showIcon role="alert" title={fill(tx('studio.designer.jsonSyntax'), { reason: parseError })} style={{ marginBottom: 8 }} data-json-error />}
        {blocked && !parseError && <Alert type="error" showIcon role="alert" title={fill(tx('studio.designer.invalid'), { count: clientIssues.length })} style={{ marginBottom: 8 }} />}
        {saved?.kind === 'saved' && (
          <Alert type={serverIssues.length ? 'warning' : 'success'} showIcon role="status" title={serverIssues.length ? fill(tx('studio.designer.savedWithIssues'), { count: serverIssues.length }) : tx('studio.designer.saved')} style={{ marginBottom: 8 }} />
        )}
        {saved?.kind === 'error' && <Alert type="error" showIcon role="alert" title={saved.message} style={{ marginBottom: 8 }} />}
        {dirty && !saved && <p className="gw-studio-hint">{tx('studio.designer.unsaved')}</p>}
        {issues.length > 0 && (
          <ul className="gw-studio-issues" aria-label={tx('studio.designer.issues')}>
            {issues.map((i, n) => (
              <li key={n}>
                <code>{i.path}</code> {i.message}
              </li>
            ))}
          </ul>
        )}
        {otherIssues.length > 0 && (
          <ul className="gw-studio-issues" aria-label={tx('studio.designer.otherIssues')}>
            {otherIssues.map((i, n) => (
              <li key={n}>
                <code>
                  {i.file} {i.path}
                </code>{' '}
                {i.message}
              </li>
            ))}
          </ul>
        )}
        <Tabs
          items={[
            { key: 'fields', label: tx('studio.designer.tabFields'), children: fieldsTab },
            { key: 'sections', label: tx('studio.designer.tabSections'), children: <SectionsEditor lang={lang} def={def} onChange={setDef} /> },
            {
              key: 'json',
              label: tx('studio.designer.tabJson'),
              children: (
                <Suspense fallback={<p>{tx('studio.loading')}</p>}>
                  <JsonEditor value={text} onChange={onText} schema={entitySchema} issues={parseError ? [] : issues} label={tx('studio.designer.tabJson')} />
                </Suspense>
              ),
            },
          ]}
        />
      </div>
      <FormPreview def={def} lang={lang} context={context} />
    </div>
  );
}
