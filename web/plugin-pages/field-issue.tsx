import type { Action } from './use-action';

/** The message for one field (its JSON pointer) from the last refusal, where the field is; nothing otherwise. */
export function FieldIssue({ action, path }: { action: Pick<Action, 'issueAt'>; path: string }) {
  const message = action.issueAt(path);
  return message ? (
    <span className="gw-overdue" data-issue={path}>
      {message}
    </span>
  ) : null;
}
