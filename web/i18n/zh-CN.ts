/** UI strings, Simplified Chinese (default). en.ts must have the same keys. */
export const zhCN = {
  'app.title': '网格化治理平台',
  'home.orgUnits': '组织单元',
  'home.grids': '网格',
  'home.cases': '事件总数',
  'home.openCases': '办理中',
  'home.byLevel': '各层级组织单元',
  'home.byStatus': '事件状态分布',
  'home.recent': '最新上报事件',
  'home.db': '数据库',
  'col.title': '事件标题',
  'col.category': '类别',
  'col.channel': '来源渠道',
  'col.status': '状态',
  'col.reportedAt': '上报时间',
  'col.unit': '所属网格',
  'lang.switch': 'English',
  'status.none': '未设置',
} as const;

export type UiKey = keyof typeof zhCN;
