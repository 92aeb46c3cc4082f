export const messages = {
  'zh-CN': {
    registerForbidden: '无权查看风险主体台账',
    unknownSubject: '未找到风险主体 {key}',
    escalationReason: '同一主体“{subject}”在 {days} 天内出现于多个来源（{sources}），按规则 {rule} 提级',
    jointTitle: '风险联合处置：{subject}',
  },
  en: {
    registerForbidden: 'you may not read the risk register',
    unknownSubject: 'no risk subject {key}',
    escalationReason: 'subject "{subject}" seen from several sources ({sources}) within {days} days: escalated by rule {rule}',
    jointTitle: 'Joint risk handling: {subject}',
  },
};
