'use client';

import { Alert, Button, Input } from 'antd';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import type { DistrictConfig, EntityDefinition } from '../../../core/config/types.generated';
import { uiText, type UiKey, type UiLang } from '../../i18n';
import { callError, trpc, type ServerIssue } from '../../lib/trpc-client';

const NAME = /^[a-z][a-zA-Z0-9]*$/;

/** entities/<kebab-case>.json, the way the shipped districts name their entity files. */
export function entityPath(name: string): string {
  return `entities/${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.json`;
}

/**
 * A new entity: its file (one text field to start from) and its reference in district.json, both
 * saved into the draft; the designer opens on it.
 */
export function NewEntityForm({ lang, taken }: { lang: UiLang; taken: string[] }) {
  const tx = (key: UiKey) => uiText(lang, key);
  const router = useRouter();
  const uid = useId().replace(/:/g, '');
  const [name, setName] = useState('');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; issues: ServerIssue[] } | null>(null);
  const problem = !name ? undefined : !NAME.test(name) || name.length > 48 ? 'studio.field.keyInvalid' : taken.includes(name) ? 'studio.entities.nameTaken' : undefined;

  async function create() {
    setBusy(true);
    setError(null);
    const path = entityPath(name);
    const def: EntityDefinition = {
      name,
      label: { 'zh-CN': label.trim() },
      schema: { type: 'object', properties: { title: { type: 'string', title: uiText('zh-CN', 'studio.entities.firstField'), 'x-title-en': uiText('en', 'studio.entities.firstField'), maxLength: 200 } }, required: ['title'] },
      ui: { order: ['title'] },
    };
    try {
      const district = await trpc.studio.file.query({ path: 'district.json' });
      const content = district.content as DistrictConfig;
      await trpc.studio.saveFile.mutate({ path, content: def });
      await trpc.studio.saveFile.mutate({ path: 'district.json', content: { ...content, entities: [...(content.entities ?? []), path] }, rev: district.rev || undefined });
      router.push(`/studio/entities/${name}`);
    } catch (e) {
      const failure = callError(e);
      setError({ message: failure.message, issues: failure.issues });
      setBusy(false);
    }
  }

  return (
    <fieldset className="gw-studio-add" style={{ maxWidth: 480 }}>
      <legend>{tx('studio.entities.new')}</legend>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error.message}
          description={error.issues.length > 0 && <ul>{error.issues.map((i, n) => <li key={n}>{[i.file, i.path].filter(Boolean).join(' ')} {i.message}</li>)}</ul>}
        />
      )}
      <label htmlFor={`${uid}-label`}>{tx('studio.entities.label')}</label>
      <Input id={`${uid}-label`} value={label} onChange={(e) => setLabel(e.target.value)} />
      <label htmlFor={`${uid}-name`}>{tx('studio.entities.name')}</label>
      <Input id={`${uid}-name`} value={name} placeholder="elderVisit" onChange={(e) => setName(e.target.value.trim())} status={problem ? 'error' : undefined} />
      {problem && <div className="gw-studio-error">{tx(problem)}</div>}
      <Button type="primary" style={{ marginTop: 8 }} disabled={!name || !!problem || !label.trim() || busy} loading={busy} onClick={create}>
        {tx('studio.entities.create')}
      </Button>
    </fieldset>
  );
}
