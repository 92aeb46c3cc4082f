import type { UiKey } from '../../i18n';

const VISITOR_LABELS: Record<string, UiKey> = {
  gridWorker: 'dashboard.visitor.gridWorker',
  partyMember: 'dashboard.visitor.partyMember',
};

/** The label of a visit-count figure by who visited; other kinds fall back to plain "visits". */
export const visitorLabel = (key: string): UiKey => VISITOR_LABELS[key] ?? 'dashboard.visits';
