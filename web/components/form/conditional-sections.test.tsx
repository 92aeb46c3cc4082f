// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildFormModel } from './form-model';
import { submission } from './form-values';
import type { JsonSchema } from './types';
import { installDomShims, renderForm, submit, type } from './test-support';

beforeAll(installDomShims);
afterEach(cleanup);

const schema: JsonSchema = {
  type: 'object',
  properties: {
    title: { type: 'string', title: '标题' },
    injured: { type: 'boolean', title: '有人员受伤' },
    injuredCount: { type: 'integer', title: '受伤人数', minimum: 1 },
    hospital: { type: 'string', title: '送医医院' },
    propertyLoss: { type: 'string', title: '财产损失' },
    reporterName: { type: 'string', title: '反映人' },
    reporterPhone: { type: 'string', title: '联系电话' },
  },
  required: ['title'],
  allOf: [
    {
      if: { properties: { injured: { const: true } }, required: ['injured'] },
      then: { properties: { injuredCount: {}, hospital: {} }, required: ['injuredCount'] },
      else: { properties: { propertyLoss: {} } },
    },
  ],
  dependentRequired: { reporterName: ['reporterPhone'] },
};

const checkbox = () => screen.getByLabelText('有人员受伤') as HTMLInputElement;

describe('conditional sections', () => {
  it('shows the then-branch while its if holds and the else-branch otherwise', async () => {
    renderForm({ schema });
    expect(screen.queryByLabelText(/受伤人数/)).toBeNull();
    expect(screen.getByLabelText('财产损失')).toBeTruthy();
    await act(async () => void fireEvent.click(checkbox()));
    expect(screen.getByLabelText(/受伤人数 \*/)).toBeTruthy();
    expect(screen.getByLabelText('送医医院')).toBeTruthy();
    expect(screen.queryByLabelText('财产损失')).toBeNull();
  });

  it('requires then-branch fields and drops the values of hidden sections from the submission', async () => {
    const { submitted } = renderForm({ schema, value: { title: '火情' } });
    await type('财产损失', '车辆烧毁');
    await act(async () => void fireEvent.click(checkbox()));
    await submit();
    expect(submitted).toEqual([]);
    expect(screen.getByLabelText(/受伤人数/).closest('.gw-field')!.textContent).toContain('必填');
    await type(/受伤人数/, '2');
    await submit();
    // propertyLoss was typed, then its section closed: it is not sent.
    expect(submitted).toEqual([{ title: '火情', injured: true, injuredCount: 2 }]);
  });

  it('dependentRequired: the dependents appear and are required once the trigger has a value', async () => {
    const { submitted } = renderForm({ schema, value: { title: '噪音' } });
    expect(screen.queryByLabelText(/联系电话/)).toBeNull();
    await type('反映人', '王五');
    expect(screen.getByLabelText(/联系电话 \*/)).toBeTruthy();
    await submit();
    expect(submitted).toEqual([]);
    expect(screen.getByLabelText(/联系电话/).closest('.gw-field')!.textContent).toContain('必填');
    await type(/联系电话/, '13800138000');
    await type('反映人', '');
    expect(screen.queryByLabelText(/联系电话/)).toBeNull();
    await submit();
    expect(submitted).toEqual([{ title: '噪音' }]);
  });

  it('submission() strips until stable: a section whose condition field is itself hidden closes too', () => {
    const nested: JsonSchema = {
      type: 'object',
      properties: { a: { type: 'boolean' }, b: { type: 'string', enum: ['x', 'y'] }, c: { type: 'string' } },
      allOf: [
        { if: { properties: { a: { const: true } }, required: ['a'] }, then: { properties: { b: {} } } },
        { if: { properties: { b: { const: 'x' } }, required: ['b'] }, then: { properties: { c: {} } } },
      ],
    };
    const model = buildFormModel(nested);
    expect(submission(model, { a: true, b: 'x', c: 'kept' })).toEqual({ a: true, b: 'x', c: 'kept' });
    expect(submission(model, { a: false, b: 'x', c: 'dropped' })).toEqual({ a: false });
    expect(submission(model, { a: true, b: '', c: '', extra: 1 })).toEqual({ a: true });
  });
});

describe('re-rendering', () => {
  it('typing in one field renders only that field; a section renders only when its condition field changes', async () => {
    const counts = new Map<string, number>();
    const onFieldRender = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
    renderForm({ schema, onFieldRender, value: { injured: true } });
    const before = new Map(counts);
    expect(before.get('hospital')).toBeGreaterThan(0);
    await type(/^标题/, '路');
    await type(/^标题/, '路灯');
    await type(/^标题/, '路灯坏了');
    const changed = [...counts].filter(([name, n]) => n !== before.get(name)).map(([name]) => name);
    expect(changed).toEqual(['title']);
    expect(counts.get('title')! - before.get('title')!).toBe(3);
    const hospitalBefore = counts.get('hospital');
    await type('送医医院', '市一院');
    expect(counts.get('title')! - before.get('title')!).toBe(3);
    expect(counts.get('hospital')).toBe(hospitalBefore! + 1);
  });
});
