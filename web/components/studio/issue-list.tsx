import type { StudioIssue } from './studio-issues';

/**
 * The server's issues about a config file, each with its file and JSON pointer; nothing when there
 * are none. `file` is the one the editor edits: its own issues go without the file name (it is on
 * screen already), those about other files keep theirs.
 */
export function IssueList({ issues, file }: { issues: StudioIssue[]; file?: string }) {
  if (!issues.length) return null;
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {issues.map((i, n) => (
        <li key={n}>
          {i.file && i.file !== file && <code>{i.file}</code>} <code>{i.path || '/'}</code> {i.message}
        </li>
      ))}
    </ul>
  );
}
