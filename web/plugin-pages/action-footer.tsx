import type { CSSProperties, ReactNode } from 'react';
import type { Action } from './use-action';

/**
 * The end of a plugin page's form: the submit button (disabled while the call runs) and the
 * refusal's message as an alert. `inline` keeps the alert on the line (the small forms in table
 * cells); `issuePath` names the one field a form has no place for, whose message replaces the
 * general one; other buttons (children) stand in one row before the submit button.
 */
export function ActionFooter({ action, label, name, inline, issuePath, buttonStyle, children }: { action: Action; label: string; name: string; inline?: boolean; issuePath?: string; buttonStyle?: CSSProperties; children?: ReactNode }) {
  const submit = (
    <button type="submit" className="gw-button-primary" disabled={action.busy} data-action={name} style={buttonStyle}>
      {label}
    </button>
  );
  const message = (issuePath && action.issueAt(issuePath)) || action.error;
  const Alert = inline ? 'span' : 'p';
  return (
    <>
      {children ? (
        <div style={{ display: 'flex', gap: 8 }}>
          {children}
          {submit}
        </div>
      ) : (
        submit
      )}
      {action.error && (
        <Alert role="alert" className="gw-overdue">
          {message}
        </Alert>
      )}
    </>
  );
}
