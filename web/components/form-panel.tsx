'use client';

import { Alert } from 'antd';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { useDistrictTimeZone } from './district-time-zone';
import { SchemaForm } from './form';
import { uiText, type UiLang } from '../i18n';
import { callError, trpc, type ServerIssue } from '../lib/trpc-client';

/** What submitting the form does: one tRPC mutation, described in data so a server page can pass it. */
export type FormAction =
  | { kind: 'report'; entity: string }
  | { kind: 'fire'; entity: string; id: string; transition: string; version: number }
  | { kind: 'create'; entity: string; orgUnitId: string }
  | { kind: 'update'; entity: string; id: string; version: number };

export interface PickerUnit {
  id: string;
  name: string;
  nameEn: string | null;
  kind: string;
  level: string;
  parentId: string | null;
}

export interface FormPanelProps {
  lang: UiLang;
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
  value?: Record<string, unknown>;
  action: FormAction;
  /** Where to go afterwards: `{id}` is the record's id; without it the page refreshes. */
  next?: string;
  draftKey?: string;
  orgUnits?: PickerUnit[];
}

async function submitAction(action: FormAction, data: Record<string, unknown>): Promise<{ id: string }> {
  switch (action.kind) {
    case 'report':
      return trpc.case.report.mutate({ entity: action.entity, data });
    case 'fire':
      return trpc.case.fire.mutate({ entity: action.entity, id: action.id, transition: action.transition, version: action.version, form: data });
    case 'create':
      return trpc.entity.create.mutate({ entity: action.entity, orgUnitId: action.orgUnitId, data });
    case 'update':
      return trpc.entity.update.mutate({ entity: action.entity, id: action.id, version: action.version, data });
  }
}

/** Server issue paths of a transition form are under /form; the form knows its own fields only. */
function fieldIssues(action: FormAction, issues: ServerIssue[]): ServerIssue[] {
  return issues.map((i) => ({ ...i, path: action.kind === 'fire' ? i.path.replace(/^\/form(?=\/|$)/, '') || '/' : i.path }));
}

/**
 * A generated form (the form renderer) bound to one server action: it submits, maps the server's
 * field issues back onto the fields, and moves on or refreshes the page.
 */
export function FormPanel({ lang, schema, uiSchema, value, action, next, draftKey, orgUnits }: FormPanelProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<ServerIssue[]>([]);
  const timeZone = useDistrictTimeZone();
  const context = useMemo(
    () => ({
      loadGrids: () => trpc.district.grids.query({}),
      orgUnits: (orgUnits ?? []).map((u) => ({ ...u, nameEn: u.nameEn ?? undefined })),
      uploadUrl: '/api/uploads',
      timeZone,
    }),
    [orgUnits, timeZone],
  );

  async function onSubmit(data: Record<string, unknown>) {
    setError(null);
    setServerErrors([]);
    try {
      const saved = await submitAction(action, data);
      if (draftKey) localStorage.removeItem(draftKey);
      if (next) router.push(next.replace('{id}', saved.id));
      else router.refresh();
    } catch (e) {
      const failure = callError(e);
      setServerErrors(fieldIssues(action, failure.issues));
      setError(failure.message || uiText(lang, 'action.failed'));
    }
  }

  return (
    <div>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <SchemaForm schema={schema} uiSchema={uiSchema} value={value} onSubmit={onSubmit} serverErrors={serverErrors} lang={lang} draftKey={draftKey} context={context} />
    </div>
  );
}
