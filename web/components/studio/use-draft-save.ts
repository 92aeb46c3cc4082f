'use client';

import { useState } from 'react';
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
  save(content: T): Promise<void>;
}

/**
 * An editor's save-to-draft state: the revision it edits, whether it has unsaved changes, the
 * save in flight, and the outcome of the last save (the draft's issues, or the refusal).
 */
export function useDraftSave<T>(saver: DraftSaver<T>, initialRev: number): DraftSave<T> {
  const [rev, setRev] = useState(initialRev);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<StudioIssue[] | null>(null);
  const [refusal, setRefusal] = useState<DraftSaveState['refusal']>(null);
  return {
    dirty,
    saving,
    saved,
    refusal,
    changed() {
      setDirty(true);
      setSaved(null);
    },
    async save(content: T) {
      setSaving(true);
      setRefusal(null);
      try {
        const res = await saver(content, rev);
        setRev(res.rev);
        setDirty(false);
        setSaved(res.issues);
      } catch (e) {
        setRefusal(errorOf(e));
      } finally {
        setSaving(false);
      }
    },
  };
}
