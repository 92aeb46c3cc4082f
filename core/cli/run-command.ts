import { isGridworkError } from '../errors';
import { formatIssues } from '../config';

/**
 * Runs a command body and turns failures into a clean exit: config errors as
 * `file → pointer → message` lines, domain errors as one line, nothing as a stack trace unless
 * GRIDWORK_DEBUG is set (a bug, not a user error, should still be debuggable).
 */
export async function runCommand(body: () => Promise<number | void>): Promise<never> {
  try {
    const code = await body();
    process.exit(code ?? 0);
  } catch (e) {
    if (isGridworkError(e) && e.kind === 'config') {
      console.error(formatIssues(e.issues));
      console.error(e.message);
    } else if (isGridworkError(e)) {
      console.error(`${e.message}${e.issues.length ? `\n${formatIssues(e.issues)}` : ''}`);
    } else {
      console.error(process.env.GRIDWORK_DEBUG ? e : `error: ${(e as Error).message ?? e}`);
    }
    process.exit(1);
  }
}
