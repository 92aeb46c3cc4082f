import type { TRPCClient } from '@trpc/client';
import type { AppRouter, createCaller } from '../../core/api';
import type { OrgImportStatus } from '../../core/org-import';
import type { StudioIssue } from '../components/studio/studio-issues';
import type { ViewAsResult } from '../components/studio/roles/view-as';

/**
 * The studio procedures the workflow, roles, org and plugins pages use, as one interface over the
 * server's caller (pages) and the browser's client (editors), so components can be tested with any
 * implementation of it.
 */
export type ConfigFileKind = 'district' | 'entity' | 'workflow' | 'units' | 'grids';

export interface StudioFile {
  path: string;
  kind: ConfigFileKind;
  content?: unknown;
  inDraft: boolean;
  rev: number;
}

export interface StudioOverview {
  district: string;
  activeVersion: number;
  files: { path: string; kind: ConfigFileKind; name?: string; bytes: number; inDraft: boolean }[];
  draft: null | { baseVersion: number; changed: { path: string; change: 'added' | 'modified' | 'removed' }[] };
}

export interface PluginInfo {
  name: string;
  label: string;
  version: string;
  enabled: boolean;
  settingsSchema: object | null;
  settings?: unknown;
  running?: boolean;
  requires?: string[];
}

export interface StudioAdminApi {
  overview(): Promise<StudioOverview>;
  file(input: { path: string }): Promise<StudioFile>;
  check(): Promise<{ issues: StudioIssue[] }>;
  saveFile(input: { path: string; content: unknown; rev?: number }): Promise<{ rev: number; issues: StudioIssue[] }>;
  viewAs(input: { userId: string; entity?: string }): Promise<ViewAsResult>;
  plugins(): Promise<PluginInfo[]>;
  setPlugin(input: { name: string; enabled: boolean; settings?: unknown }): Promise<{ rev: number; issues: StudioIssue[] }>;
  orgImportStatus(input: { importId: string }): Promise<OrgImportStatus>;
}

/** The studio procedures through a server-side tRPC caller (acting as the signed-in user). */
export function serverStudioApi(api: ReturnType<typeof createCaller>): StudioAdminApi {
  const { studio } = api;
  return {
    overview: () => studio.overview(),
    file: (input) => studio.file(input),
    check: () => studio.check(),
    saveFile: (input) => studio.saveFile(input),
    viewAs: (input) => studio.viewAs(input),
    plugins: () => studio.plugins(),
    setPlugin: (input) => studio.setPlugin(input),
    orgImportStatus: (input) => studio.orgImportStatus(input),
  };
}

/** The same procedures from the browser (the tRPC client of web/lib/trpc-client). */
export function clientStudioApi(trpc: TRPCClient<AppRouter>): StudioAdminApi {
  const { studio } = trpc;
  return {
    overview: () => studio.overview.query(),
    file: (input) => studio.file.query(input),
    check: () => studio.check.query(),
    saveFile: (input) => studio.saveFile.mutate(input),
    viewAs: (input) => studio.viewAs.query(input),
    plugins: () => studio.plugins.query(),
    setPlugin: (input) => studio.setPlugin.mutate(input),
    orgImportStatus: (input) => studio.orgImportStatus.query(input),
  };
}
