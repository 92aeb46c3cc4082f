import type { UiKey } from './zh-CN';

export const en: Record<UiKey, string> = {
  'app.title': 'Grid governance platform',
  'home.orgUnits': 'Org units',
  'home.grids': 'Grids',
  'home.cases': 'Cases',
  'home.openCases': 'Open',
  'home.byLevel': 'Org units by level',
  'home.byStatus': 'Cases by status',
  'home.recent': 'Latest reports',
  'home.db': 'Database',
  'col.title': 'Title',
  'col.category': 'Category',
  'col.channel': 'Channel',
  'col.status': 'Status',
  'col.reportedAt': 'Reported at',
  'col.unit': 'Grid',
  'lang.switch': '中文',
  'status.none': 'Not set',
};
