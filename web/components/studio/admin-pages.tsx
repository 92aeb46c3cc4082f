'use client';

import { useRouter } from 'next/navigation';
import { Tabs } from 'antd';
import { uiText, type UiKey, type UiLang } from '../../i18n';
import { clientStudioApi, type PluginInfo } from '../../lib/studio-admin-api';
import { trpc } from '../../lib/trpc-client';
import { GridInspector, httpImportTransport, OrgImport, OrgTreeEditor, type GridCollection, type OrgUnit } from './org';
import { PluginsEditor } from './plugins';
import { RolesGrid, ViewAs, type Option } from './roles';
import type { StudioIssue } from './studio-issues';
import { WorkflowEditor, type WorkflowDefinition, type WorkflowEditorContext } from './workflow';
import type { DistrictConfig } from '../../../core/config/types.generated';

/*
 * The client halves of the studio's workflow, roles, org and plugins pages: the server page loads
 * the files, these wire the editors to the studio procedures (functions cannot cross from a server
 * component to a client one).
 */
const api = () => clientStudioApi(trpc);

export function WorkflowEditorPage(props: { path: string; definition: WorkflowDefinition; rev: number; context: WorkflowEditorContext; issues: StudioIssue[]; lang: UiLang }) {
  const router = useRouter();
  return (
    <WorkflowEditor
      {...props}
      save={async (content, rev) => {
        const res = await api().saveFile({ path: props.path, content, rev: rev || undefined });
        router.refresh();
        return res;
      }}
    />
  );
}

export function RolesPage(props: { district: DistrictConfig; rev: number; subjectFields: Record<string, Option[]>; scopeLabels: Record<string, string>; entities: Option[]; lang: UiLang }) {
  const router = useRouter();
  return (
    <>
      <RolesGrid
        district={props.district}
        rev={props.rev}
        subjectFields={props.subjectFields}
        lang={props.lang}
        save={async (content, rev) => {
          const res = await api().saveFile({ path: 'district.json', content, rev: rev || undefined });
          router.refresh();
          return res;
        }}
      />
      <div style={{ marginTop: 16 }}>
        <ViewAs
          lang={props.lang}
          scopeLabel={(s) => props.scopeLabels[s] ?? s}
          searchUsers={async (search) => {
            const users = await trpc.user.list.query({ search: search || undefined, limit: 50 });
            return users.map((u) => ({ value: u.id, label: `${u.name} (${u.username})` }));
          }}
          entities={props.entities}
          viewAs={(userId, entity) => api().viewAs({ userId, entity })}
        />
      </div>
    </>
  );
}

/** Org tree, import and grid map in tabs (the units and grids travel to the browser once). */
export function OrgPage(props: { units: OrgUnit[]; grids?: GridCollection; rev: number; levels: Option[]; lang: UiLang }) {
  const router = useRouter();
  const tx = (k: UiKey) => uiText(props.lang, k);
  return (
    <Tabs
      items={[
        {
          key: 'tree',
          label: tx('studio.org.tree'),
          children: (
            <OrgTreeEditor
              {...props}
              save={async (units, rev) => {
                const res = await api().saveFile({ path: 'org/units.json', content: units, rev: rev || undefined });
                router.refresh();
                return res;
              }}
            />
          ),
        },
        {
          key: 'import',
          label: tx('studio.org.import'),
          children: <OrgImport lang={props.lang} transport={httpImportTransport((importId) => api().orgImportStatus({ importId }))} onApplied={() => router.refresh()} />,
        },
        { key: 'map', label: tx('studio.org.map'), children: props.grids ? <GridInspector grids={props.grids} units={props.units} lang={props.lang} /> : null },
      ]}
    />
  );
}

export function PluginsPage({ plugins, lang }: { plugins: PluginInfo[]; lang: UiLang }) {
  const router = useRouter();
  return (
    <PluginsEditor
      plugins={plugins}
      lang={lang}
      setPlugin={async (input) => {
        const res = await api().setPlugin(input);
        router.refresh();
        return res;
      }}
    />
  );
}
