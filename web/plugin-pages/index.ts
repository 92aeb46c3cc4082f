import { allianceView } from './grid-alliance/alliance-view';
import { deliberationsView } from './grid-alliance/deliberations-view';
import { hazardBoardView } from './hazard-watch/board-view';
import { meetingsView } from './risk-notices/meetings-view';
import { noticesView } from './risk-notices/notices-view';
import { registerView } from './risk-tags/register-view';
import type { PluginPageView } from './types';

export type { PluginPageProps, PluginPageView } from './types';

/**
 * The views of the pages plugins declare (`ui.pages`), by `<plugin>/<page>`. Plugins stay data only
 * (core never imports React); the web app owns their rendering. A page declared without a view
 * here is a 404 (web/plugin-pages/registry.test.ts keeps the two in step).
 */
export const pluginPageViews: Record<string, PluginPageView> = {
  'hazard-watch/board': hazardBoardView,
  'risk-notices/meetings': meetingsView,
  'risk-notices/notices': noticesView,
  'risk-tags/register': registerView,
  'grid-alliance/alliance': allianceView,
  'grid-alliance/deliberations': deliberationsView,
};
