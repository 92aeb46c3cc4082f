import type { ReactNode } from 'react';

export interface SelectOption {
  id: string;
  name: string;
}

/**
 * A labelled <select> of options with its field's message below it, as the plugin pages' forms
 * use: the label wraps the select, so its text is the select's accessible name. `blank` adds a
 * first "—" choice (nothing chosen) for an optional field or one the user must still pick.
 */
export function OptionSelect({ label, value, onChange, options, blank, issue }: { label: ReactNode; value: string; onChange: (value: string) => void; options: SelectOption[]; blank?: boolean; issue?: ReactNode }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {blank && <option value="">—</option>}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      {issue}
    </label>
  );
}
