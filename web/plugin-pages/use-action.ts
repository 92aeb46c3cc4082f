'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { callError, type ServerIssue } from '../lib/trpc-client';

/**
 * One write from a plugin page: busy while it runs, the server's message and field issues when it
 * fails, a refresh of the server-rendered page when it succeeds.
 */
export function useAction() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<ServerIssue[]>([]);
  async function run<T>(call: () => Promise<T>, after?: (value: T) => void): Promise<boolean> {
    setBusy(true);
    setError(null);
    setIssues([]);
    try {
      const value = await call();
      after?.(value);
      router.refresh();
      return true;
    } catch (e) {
      const failed = callError(e);
      setError(failed.message);
      setIssues(failed.issues);
      return false;
    } finally {
      setBusy(false);
    }
  }
  /** The server's message for one field (its JSON pointer), if any. */
  const issueAt = (path: string) => issues.find((i) => i.path === path)?.message;
  /** Refuses the form before it is sent (a check the typed input cannot express), at a field if given. */
  function fail(message: string, path?: string) {
    setError(message);
    setIssues(path ? [{ path, message }] : []);
  }
  return { busy, error, issues, issueAt, run, fail };
}

/** What a form's parts (its footer, its field messages) read of its action. */
export type Action = ReturnType<typeof useAction>;
