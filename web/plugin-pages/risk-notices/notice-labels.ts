import type { UiKey } from '../../i18n';

/** 两单: the kind and the stage of a notice (reminder → overdue, followed by a 督办单 → 销号). */
export const NOTICE_KIND: Record<string, UiKey> = { reminder: 'rn.kind.reminder', supervision: 'rn.kind.supervision' };
export const NOTICE_STATUS: Record<string, UiKey> = { open: 'rn.status.open', overdue: 'rn.status.overdue', closed: 'rn.status.closed' };
