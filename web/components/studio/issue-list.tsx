import type { StudioIssue } from './studio-issues';

/** The server's issues about a config file, each with its file and JSON pointer; nothing when there are none. */
export function IssueList({ issues }: { issues: StudioIssue[] }) {
  if (!issues.length) return null;
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {issues.map((i, n) => (
        <li key={n}>
          {i.file && <code>{i.file}</code>} <code>{i.path || '/'}</code> {i.message}
        </li>
      ))}
    </ul>
  );
}
