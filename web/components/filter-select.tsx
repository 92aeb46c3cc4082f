import { uiText, type UiLang } from '../i18n';

export interface FilterOption {
  value: string;
  label: string;
}

/**
 * One labelled choice of a FilterBar. `anyOption` adds the empty "any" choice first (off for a
 * filter that always has a value, such as a list's kind).
 */
export function FilterSelect(props: { label: string; name: string; value: string | undefined; options: readonly FilterOption[]; lang: UiLang; anyOption?: boolean }) {
  const { label, name, value, options, lang, anyOption = true } = props;
  return (
    <label>
      <span>{label}</span>
      <select name={name} defaultValue={value}>
        {anyOption && <option value="">{uiText(lang, 'list.any')}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
