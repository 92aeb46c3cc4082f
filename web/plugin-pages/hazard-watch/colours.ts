import type { UiKey } from '../../i18n';

/** The five colours of hazard-watch, in order of concern, with their UI labels and hex. */
export const HAZARD_COLOURS: { key: 'red' | 'orange' | 'yellow' | 'blue' | 'grey'; label: UiKey; hex: string; ink: string }[] = [
  { key: 'red', label: 'hw.colour.red', hex: '#f5222d', ink: '#fff' },
  { key: 'orange', label: 'hw.colour.orange', hex: '#fa8c16', ink: '#000' },
  { key: 'yellow', label: 'hw.colour.yellow', hex: '#fadb14', ink: '#000' },
  { key: 'blue', label: 'hw.colour.blue', hex: '#1677ff', ink: '#fff' },
  { key: 'grey', label: 'hw.colour.grey', hex: '#8c8c8c', ink: '#fff' },
];
