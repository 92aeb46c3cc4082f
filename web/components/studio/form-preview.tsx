'use client';

import { Alert } from 'antd';
import { Component, useMemo, useState, type ReactNode } from 'react';
import { SchemaForm, type FormContext, type JsonSchema } from '../form';
import { uiText, type UiLang } from '../../i18n';
import type { EntityDefinition } from '../../../core/config/types.generated';

class PreviewBoundary extends Component<{ fallback: (error: Error) => ReactNode; children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}

/** A short stable hash of the definition: the preview starts afresh whenever the form changes. */
function hash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

/**
 * The form as users will get it, rendered by the real form renderer (SchemaForm) from the
 * definition being edited: fill it in and "submit" to see the validation the server will apply.
 */
export function FormPreview({ def, lang, context }: { def: EntityDefinition; lang: UiLang; context: FormContext }) {
  const key = useMemo(() => hash(JSON.stringify([def.schema, def.ui])), [def.schema, def.ui]);
  const [checkedKey, setCheckedKey] = useState<string>();
  const checked = checkedKey === key;
  return (
    <section className="gw-studio-preview" aria-label={uiText(lang, 'studio.designer.preview')} data-preview>
      <h2>{uiText(lang, 'studio.designer.preview')}</h2>
      {checked && <Alert type="success" showIcon title={uiText(lang, 'studio.designer.previewValid')} style={{ marginBottom: 8 }} />}
      <PreviewBoundary key={key} fallback={(e) => <Alert type="error" showIcon title={uiText(lang, 'studio.designer.previewFailed')} description={e.message} />}>
        <SchemaForm
          key={key}
          schema={def.schema as unknown as JsonSchema}
          uiSchema={def.ui ?? {}}
          lang={lang}
          context={context}
          submitLabel={uiText(lang, 'studio.designer.tryValidate')}
          onSubmit={() => setCheckedKey(key)}
        />
      </PreviewBoundary>
    </section>
  );
}
