'use client';

import Steps from 'antd/es/steps';
import type { UiLang } from '../../i18n';
import { formText } from './form-text';
import type { FormGroup } from './form-model';

/** The wizard's step indicator (its own chunk: most forms have no steps). */
export default function StepNav({ groups, current, lang }: { groups: FormGroup[]; current: number; lang: UiLang }) {
  return (
    <Steps
      size="small"
      current={current}
      items={groups.map((g) => ({ title: g.label }))}
      aria-label={formText(lang, 'form.step', { n: current + 1, total: groups.length })}
    />
  );
}
