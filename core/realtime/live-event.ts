/** What connected screens hear about: a case moved (created, transition, breach) or an instruction went out. */
export interface LiveEvent {
  kind: 'case' | 'broadcast';
  /** case: created | transition | notice.reminder | notice.supervision; broadcast: sent */
  type: string;
  at: string;
  entity?: string;
  recordId?: string;
  transition?: string | null;
  toState?: string | null;
  unitId?: string | null;
  /** The case's place (filled in before delivery) or the broadcast's scope. */
  orgPath?: string;
  orgUnitId?: string;
  createdBy?: string | null;
  broadcastId?: string;
  roles?: string[];
  title?: string;
  priority?: string;
}

export type LiveListener = (event: LiveEvent) => void;
