import { callError } from '../../lib/trpc-client';

/** A problem the server reports about the config (core/errors ErrorIssue): JSON pointer into `file`. */
export interface StudioIssue {
  path: string;
  message: string;
  file?: string;
  code?: string;
}

/** A refused call's message and issues (ValidationError issues carry the file and JSON pointer). */
export function errorOf(e: unknown): { message: string; issues: StudioIssue[] } {
  const { message, issues } = callError(e);
  return { message, issues: issues as StudioIssue[] };
}
