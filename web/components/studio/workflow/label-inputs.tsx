'use client';

import { Input, Space } from 'antd';
import type { LocalizedText } from '../../../../core/config/types.generated';
import { uiText, type UiLang } from '../../../i18n';

/** A config label in both languages (Chinese required by the schema, English optional). */
export function LabelInputs({ value, onChange, lang }: { value: LocalizedText; onChange: (next: LocalizedText) => void; lang: UiLang }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={4}>
      <label>
        {uiText(lang, 'studio.edit.labelZh')}
        <Input value={value['zh-CN']} status={value['zh-CN'] ? undefined : 'error'} onChange={(e) => onChange({ ...value, 'zh-CN': e.target.value })} />
      </label>
      <label>
        {uiText(lang, 'studio.edit.labelEn')}
        <Input
          value={value.en ?? ''}
          onChange={(e) => {
            const next: LocalizedText = { ...value, en: e.target.value };
            if (!e.target.value) delete next.en;
            onChange(next);
          }}
        />
      </label>
    </Space>
  );
}
