// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JsonSchema } from './types';
import { installDomShims, renderForm, submit, type } from './test-support';

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  localStorage.clear();
});

const caseSchema: JsonSchema = {
  type: 'object',
  properties: {
    title: { type: 'string', title: '事件标题', 'x-title-en': 'Title', minLength: 2, maxLength: 100 },
    description: { type: 'string', title: '事件描述', 'x-title-en': 'Description', maxLength: 4000, 'x-widget': 'textarea' },
    count: { type: 'integer', title: '人数', 'x-title-en': 'People', minimum: 1 },
    urgency: {
      type: 'string',
      title: '紧急程度',
      enum: ['normal', 'urgent'],
      default: 'normal',
      'x-widget': 'radio',
      'x-enumLabels': { normal: { 'zh-CN': '一般', en: 'Normal' }, urgent: { 'zh-CN': '紧急', en: 'Urgent' } },
    },
    phone: { type: 'string', title: '联系电话', 'x-title-en': 'Phone', pattern: '^1[3-9][0-9]{9}$' },
  },
  required: ['title'],
};

describe('SchemaForm basics', () => {
  it('renders labelled inputs, blocks an invalid submission with Chinese messages, submits valid data', async () => {
    const { submitted } = renderForm({ schema: caseSchema, uiSchema: { order: ['phone', 'title'], fields: { phone: { help: { 'zh-CN': '手机号' } } } } });
    const labels = [...document.querySelectorAll('.gw-label')].map((l) => l.textContent);
    expect(labels.slice(0, 2)).toEqual(['联系电话', '事件标题 *']);
    expect(screen.getByText('手机号').id).toBe(screen.getByLabelText('联系电话').getAttribute('aria-describedby'));
    await type('联系电话', '123');
    await submit();
    expect(submitted).toEqual([]);
    const title = screen.getByLabelText(/事件标题/);
    expect(title.closest('.gw-field')!.textContent).toContain('必填');
    expect(screen.getByLabelText('联系电话').closest('.gw-field')!.textContent).toContain('应当匹配模式');
    await type(/事件标题/, '路灯损坏');
    await type('联系电话', '13800138000');
    await submit();
    expect(submitted).toEqual([{ title: '路灯损坏', phone: '13800138000', urgency: 'normal' }]);
  });

  it('shows messages in English when lang is en', async () => {
    renderForm({ schema: caseSchema, lang: 'en' });
    await type(/^Title/, 'x');
    await submit(/Submit/);
    expect(screen.getByLabelText(/Title/).closest('.gw-field')!.textContent).toContain('must NOT be shorter than 2 characters');
  });
});
