// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FIRST_CHUNK } from './progressive';
import { installDomShims, renderForm, submit, type } from './test-support';
import type { JsonSchema } from './types';

beforeAll(installDomShims);
afterEach(cleanup);

const properties: Record<string, JsonSchema> = {};
for (let i = 1; i <= 40; i++) properties[`f${i}`] = { type: 'string', title: `字段${i}` };
const long: JsonSchema = { type: 'object', properties, required: ['f40'] };

describe('long forms', () => {
  it('mount the first screen at once and the rest afterwards; typing works meanwhile', async () => {
    const { submitted } = renderForm({ schema: long, value: { f40: '末尾' } });
    expect(document.querySelectorAll('.gw-field')).toHaveLength(FIRST_CHUNK);
    expect(document.querySelector('form')!.getAttribute('aria-busy')).toBe('true');
    await type(screen.getByLabelText('字段1'), '先填');
    await vi.waitFor(
      () => {
        expect(document.querySelectorAll('.gw-field')).toHaveLength(40);
        expect(document.querySelector('form')!.hasAttribute('aria-busy')).toBe(false);
      },
      { timeout: 3000 },
    );
    expect((screen.getByLabelText('字段1') as HTMLInputElement).value).toBe('先填');
    expect((screen.getByLabelText(/字段40/) as HTMLInputElement).value).toBe('末尾');
    await submit();
    expect(submitted).toEqual([{ f1: '先填', f40: '末尾' }]);
  });

  it('a condition beyond the plain subset (pattern) is decided by ajv', async () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { phone: { type: 'string', title: '电话' }, areaCode: { type: 'string', title: '区号' } },
      allOf: [
        {
          if: { properties: { phone: { type: 'string', pattern: '^0' } }, required: ['phone'] },
          then: { properties: { areaCode: {} }, required: ['areaCode'] },
        },
      ],
    };
    renderForm({ schema });
    expect(screen.queryByLabelText(/区号/)).toBeNull();
    await type('电话', '13800138000');
    expect(screen.queryByLabelText(/区号/)).toBeNull();
    await type('电话', '0379-1234567');
    expect(screen.getByLabelText(/区号 \*/)).toBeTruthy();
  });
});
