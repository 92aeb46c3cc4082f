// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JsonSchema } from './types';
import { installDomShims, renderForm, settle, submit, type } from './test-support';
import { pointerToField } from './form-values';
import { buildFormModel } from './form-model';

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

const transitionSchema: JsonSchema = {
  type: 'object',
  properties: {
    result: { type: 'string', title: '处置情况', minLength: 2 },
    photos: { type: 'array', title: '处置照片', items: { type: 'string' }, 'x-widget': 'photo' },
    items: { type: 'array', title: '物资', items: { type: 'object', properties: { name: { type: 'string', title: '名称' } } } },
  },
};

describe('server errors', () => {
  it('maps JSON pointers of ValidationError issues onto fields', () => {
    const model = buildFormModel(transitionSchema);
    expect(pointerToField(model, '/form/photos')).toBe('photos');
    expect(pointerToField(model, '/form/photos/0')).toBe('photos');
    expect(pointerToField(model, '/data/result')).toBe('result');
    expect(pointerToField(model, '/result')).toBe('result');
    expect(pointerToField(model, '/items/1/name')).toBe('items.1.name');
    expect(pointerToField(model, '/items')).toBe('items.root');
    expect(pointerToField(model, '/version')).toBeUndefined();
    expect(pointerToField(model, '/')).toBeUndefined();
  });

  it('shows serverErrors beside their fields and unplaceable ones above the buttons', async () => {
    renderForm({
      schema: transitionSchema,
      value: { items: [{ name: '沙袋' }] },
      serverErrors: [
        { path: '/form/photos', message: '至少上传一张照片' },
        { path: '/form/items/0/name', message: '库存不足' },
        { path: '/version', message: '记录已被他人修改' },
      ],
    });
    await settle();
    expect(document.querySelector('[data-field="photos"]')!.textContent).toContain('至少上传一张照片');
    expect(screen.getByLabelText(/名称/).closest('.gw-field')!.textContent).toContain('库存不足');
    expect(screen.getByText('记录已被他人修改').closest('[role=alert]')).toBeTruthy();
  });

  it('puts the issues of a rejected onSubmit (a thrown ValidationError) on the fields', async () => {
    const onSubmit = async () => {
      throw Object.assign(new Error('invalid'), { issues: [{ path: '/data/result', message: '内容含敏感词' }] });
    };
    renderForm({ schema: transitionSchema, onSubmit });
    await type('处置情况', '已处理完毕');
    await submit();
    expect(screen.getByLabelText('处置情况').closest('.gw-field')!.textContent).toContain('内容含敏感词');
  });
});

describe('drafts, read-only, groups and steps', () => {
  it('keeps a draft across a reload and clears it after a successful submit', async () => {
    const first = renderForm({ schema: caseSchema, draftKey: 'report-1' });
    await type(/事件标题/, '井盖缺失');
    await settle(300);
    first.unmount();
    const second = renderForm({ schema: caseSchema, draftKey: 'report-1' });
    expect((screen.getByLabelText(/事件标题/) as HTMLInputElement).value).toBe('井盖缺失');
    expect(screen.getByText('已恢复上次未提交的草稿')).toBeTruthy();
    await submit();
    expect(second.submitted).toEqual([{ title: '井盖缺失', urgency: 'normal' }]);
    expect(localStorage.getItem('gridwork.formDraft:report-1')).toBeNull();
  });

  it('discarding a draft restores the given value', async () => {
    localStorage.setItem('gridwork.formDraft:report-2', JSON.stringify({ title: '旧草稿' }));
    renderForm({ schema: caseSchema, draftKey: 'report-2', value: { title: '原值' } });
    expect((screen.getByLabelText(/事件标题/) as HTMLInputElement).value).toBe('旧草稿');
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: /放弃草稿/ })));
    expect((screen.getByLabelText(/事件标题/) as HTMLInputElement).value).toBe('原值');
    expect(localStorage.getItem('gridwork.formDraft:report-2')).toBeNull();
  });

  it('readOnly shows every field disabled and no submit button', () => {
    renderForm({ schema: caseSchema, readOnly: true, value: { title: '路灯' } });
    expect((screen.getByLabelText(/事件标题/) as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: /提\s*交/ })).toBeNull();
  });

  it('groups render as labelled sections; steps validate the current step before moving on', async () => {
    const uiSchema = {
      groups: [
        { key: 'what', label: { 'zh-CN': '事件信息' }, fields: ['title', 'description'], step: true },
        { key: 'who', label: { 'zh-CN': '联系人' }, fields: ['phone'], step: true },
      ],
    };
    const { submitted } = renderForm({ schema: caseSchema, uiSchema });
    expect(screen.getByRole('region', { name: '事件信息' })).toBeTruthy();
    expect(screen.queryByLabelText('联系电话')).toBeNull();
    // Ungrouped fields (count, urgency) join the first step.
    expect(screen.getByLabelText('人数')).toBeTruthy();
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: /下一步/ })));
    await settle();
    expect(screen.queryByLabelText('联系电话')).toBeNull();
    expect(screen.getByLabelText(/事件标题/).closest('.gw-field')!.textContent).toContain('必填');
    await type(/事件标题/, '占道经营');
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: /下一步/ })));
    await settle();
    await type('联系电话', '13800138000');
    await submit();
    expect(submitted).toEqual([{ title: '占道经营', phone: '13800138000', urgency: 'normal' }]);
  });
});
