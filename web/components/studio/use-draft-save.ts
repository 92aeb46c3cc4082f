'use client';

import { useRef, useState } from 'react';
import { errorOf, type StudioIssue } from './studio-issues';

/** Writes one config file into the draft; `rev` is the draft revision the edit started from (a stale one is refused). */
export type DraftSaver<T> = (content: T, rev: number | undefined) => Promise<{ rev: number; issues: StudioIssue[] }>;

/** Where an editor's draft save stands: what SaveToolbar shows. */
export interface DraftSaveState {
  dirty: boolean;
  saving: boolean;
  /** The draft's issues after the last save (it is saved even with issues); null until saved. */
  saved: StudioIssue[] | null;
  /** Why the server refused the last save, and the issues it named. */
  refusal: { message: string; issues: StudioIssue[] } | null;
}

export interface DraftSave<T> extends DraftSaveState {
  /** The editor changed its content: unsaved, and the last save's outcome no longer applies. */
  changed(): void;
  /**
   * Saves `content` once the saves before it are done; resolves to the draft's issues when the
   * server took it, null when it refused it.
   */
  save(content: T): Promise<StudioIssue[] | null>;
}

/**
 * An editor's save-to-draft state: the revision it edits, whether it has unsaved changes, the
 * save in flight, and the outcome of the last save (the draft's issues, or the refusal).
 *
 * Saves run one after the other, each on the revision the previous one returned: an editor that
 * saves by itself (the workflow editor on each dropped drag) may ask for a second save before the
 * first is answered, and two saves sent with the same revision would have the second refused.
 */
export function useDraftSave<T>(saver: DraftSaver<T>, initialRev: number): DraftSave<T> {
  // Refs, not state: a queued save must see what the save before it left, not this render's values.
  const rev = useRef(initialRev);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  // Counts the edits, so that a save answered after a further edit does not mark that edit saved.
  const edits = useRef(0);
  // Saves asked for and not yet answered: "saving" covers the queued ones too.
  const pending = useRef(0);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<StudioIssue[] | null>(null);
  const [refusal, setRefusal] = useState<DraftSaveState['refusal']>(null);

  async function run(content: T, edit: number): Promise<StudioIssue[] | null> {
    setRefusal(null);
    try {
      const res = await saver(content, rev.current);
      rev.current = res.rev;
      if (edits.current === edit) {
        setDirty(false);
        setSaved(res.issues);
      }
      return res.issues;
    } catch (e) {
      setRefusal(errorOf(e));
      return null;
    } finally {
      pending.current -= 1;
      setSaving(pending.current > 0);
    }
  }

  return {
    dirty,
    saving,
    saved,
    refusal,
    changed() {
      edits.current += 1;
      setDirty(true);
      setSaved(null);
    },
    save(content: T) {
      const edit = edits.current;
      pending.current += 1;
      setSaving(true);
      const next = queue.current.then(() => run(content, edit));
      queue.current = next;
      return next;
    },
  };
}
