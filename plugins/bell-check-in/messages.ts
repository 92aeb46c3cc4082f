export const messages = {
  'zh-CN': { badMonth: '月份格式应为 YYYY-MM' },
  en: { badMonth: 'a month is written YYYY-MM' },
};
