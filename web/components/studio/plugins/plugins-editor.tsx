'use client';

import { Alert, Card, Empty, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { uiText, type UiKey, type UiLang } from '../../../i18n';
import type { PluginInfo } from '../../../lib/studio-admin-api';
import { SchemaForm, type JsonSchema } from '../../form';
import { IssueList } from '../issue-list';
import { errorOf, type StudioIssue } from '../studio-issues';

export type SetPlugin = (input: { name: string; enabled: boolean; settings?: unknown }) => Promise<{ rev: number; issues: StudioIssue[] }>;

/**
 * A settings issue's pointer as the form knows it: the server names it in district.json
 * (`/plugins/<name>/settings/x`) or in the settings (`/settings/x`); the form wants `/x`.
 */
export function settingsPointer(name: string, pointer: string): string {
  for (const prefix of [`/plugins/${name}/settings`, '/settings']) {
    if (pointer === prefix) return '/';
    if (pointer.startsWith(`${prefix}/`)) return pointer.slice(prefix.length);
  }
  return pointer;
}

function PluginCard({ plugin, setPlugin, lang }: { plugin: PluginInfo; setPlugin: SetPlugin; lang: UiLang }) {
  const tx = (k: UiKey) => uiText(lang, k);
  const [enabled, setEnabled] = useState(plugin.enabled);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<StudioIssue[] | null>(null);
  const [error, setError] = useState<{ message: string; issues: StudioIssue[] } | null>(null);

  async function toggle(next: boolean) {
    setBusy(true);
    setError(null);
    try {
      const res = await setPlugin({ name: plugin.name, enabled: next });
      setEnabled(next);
      setSaved(res.issues);
    } catch (e) {
      setError(errorOf(e));
    } finally {
      setBusy(false);
    }
  }
  async function saveSettings(settings: Record<string, unknown>) {
    setSaved(null);
    setError(null);
    try {
      const res = await setPlugin({ name: plugin.name, enabled, settings });
      setSaved(res.issues);
    } catch (e) {
      const { message, issues } = errorOf(e);
      // Thrown back to the form, which puts each issue on its field.
      throw Object.assign(new Error(message), { issues: issues.map((i) => ({ ...i, path: settingsPointer(plugin.name, i.path) })) });
    }
  }
  return (
    <Card
      size="small"
      data-plugin={plugin.name}
      title={
        <Space>
          <span>{plugin.label}</span>
          <code style={{ fontWeight: 'normal' }}>{plugin.name}</code>
          <Tag>v{plugin.version}</Tag>
          <Tag color={enabled ? 'green' : 'default'}>{tx(enabled ? 'studio.plugins.enabled' : 'studio.plugins.disabled')}</Tag>
        </Space>
      }
      extra={<Switch checked={enabled} loading={busy} onChange={toggle} aria-label={`${tx('studio.plugins.enable')} ${plugin.label}`} />}
    >
      {error && <Alert type="error" showIcon role="alert" style={{ marginBottom: 8 }} title={error.message} description={<IssueList issues={error.issues} />} />}
      {saved && <Alert type={saved.length ? 'warning' : 'success'} showIcon style={{ marginBottom: 8 }} title={tx(saved.length ? 'studio.edit.draftIssues' : 'studio.edit.savedToDraft')} description={<IssueList issues={saved} />} />}
      {plugin.settingsSchema ? (
        <details>
          <summary style={{ cursor: 'pointer' }}>{tx('studio.plugins.settings')}</summary>
          <SchemaForm schema={plugin.settingsSchema as JsonSchema} value={(plugin.settings ?? {}) as Record<string, unknown>} onSubmit={saveSettings} lang={lang} submitLabel={tx('studio.edit.saveDraft')} />
        </details>
      ) : (
        <p style={{ margin: 0, color: '#666' }}>{tx('studio.plugins.noSettings')}</p>
      )}
    </Card>
  );
}

/** The installed plugins: enable or disable each for the district, edit its settings with a form generated from its settings schema. Changes go into the draft's district.json. */
export function PluginsEditor({ plugins, setPlugin, lang }: { plugins: PluginInfo[]; setPlugin: SetPlugin; lang: UiLang }) {
  if (!plugins.length) return <Empty description={uiText(lang, 'studio.plugins.none')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="plugins">
      {plugins.map((p) => (
        <PluginCard key={p.name} plugin={p} setPlugin={setPlugin} lang={lang} />
      ))}
    </Space>
  );
}
