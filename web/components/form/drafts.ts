const PREFIX = 'gridwork.formDraft:';

/** Drafts live in localStorage so a reload (or a phone killing the tab) loses nothing typed. */
export function readDraft(key: string | undefined): Record<string, unknown> | undefined {
  if (!key || typeof localStorage === 'undefined') return undefined;
  try {
    const raw = localStorage.getItem(PREFIX + key);
    const parsed = raw ? (JSON.parse(raw) as unknown) : undefined;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function writeDraft(key: string, values: Record<string, unknown>): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(values));
  } catch {
    // Storage full or disabled (private mode): the form still works, only without a draft.
  }
}

export function clearDraft(key: string | undefined): void {
  if (!key || typeof localStorage === 'undefined') return;
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // See writeDraft.
  }
}
