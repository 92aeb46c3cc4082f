// @vitest-environment happy-dom
// The browser (this process) is in New York; the district is in Shanghai.
process.env.TZ = 'America/New_York';

import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime, formatTime } from '../../lib/format';
import { installDomShims, mounted, renderForm, submit, type } from './test-support';
import type { JsonSchema } from './types';
import { fromZonedInput, timeInZone, toZonedInput, zoneOffsetMinutes } from './zoned-time';

beforeAll(installDomShims);
afterEach(cleanup);

const SHANGHAI = 'Asia/Shanghai';
const INSTANT = '2026-11-23T01:30:00.000Z';
const schema: JsonSchema = {
  type: 'object',
  properties: {
    when: { type: 'string', format: 'date-time', title: '发生时间' },
    at: { type: 'string', format: 'time', title: '时刻' },
    seen: { type: 'string', format: 'date-time', title: '上报时间', readOnly: true },
  },
};

describe('times in the district\'s zone, not the browser\'s', () => {
  it('the process really runs in New York (the premise of these tests)', () => {
    expect(new Date(INSTANT).getHours()).toBe(20);
    expect(new Date(INSTANT).getDate()).toBe(22);
  });

  it('a datetime field shows 01:30Z as 09:30 Shanghai and stores 09:30 entered as 01:30Z', async () => {
    const { submitted } = renderForm({ schema, value: { when: INSTANT, seen: INSTANT }, context: { timeZone: SHANGHAI } });
    await mounted();
    expect((screen.getByLabelText('发生时间') as HTMLInputElement).value).toBe('2026-11-23T09:30');
    // The read-only field shows the district's clock too.
    expect(document.querySelector('output')!.textContent).toMatch(/09:30/);
    await type('发生时间', '2026-11-24T09:30');
    await type('时刻', '09:30');
    await submit();
    expect(submitted).toHaveLength(1);
    expect(submitted[0].when).toBe('2026-11-24T01:30:00.000Z');
    expect(submitted[0].at).toBe('09:30:00+08:00');
  });

  it('a time field shows a stored UTC time on the district\'s clock', async () => {
    renderForm({ schema, value: { at: '01:30:00Z' }, context: { timeZone: SHANGHAI } });
    await mounted();
    expect((screen.getByLabelText('时刻') as HTMLInputElement).value).toBe('09:30');
  });

  it('without a district zone the browser\'s is used (the previous behaviour)', async () => {
    renderForm({ schema, value: { when: INSTANT } });
    await mounted();
    expect((screen.getByLabelText('发生时间') as HTMLInputElement).value).toBe('2026-11-22T20:30');
  });

  it('lists and details format in the district\'s zone', () => {
    expect(formatDateTime(INSTANT, 'zh-CN', SHANGHAI)).toMatch(/2026年11月23日.*09:30/);
    expect(formatDateTime(INSTANT, 'en', SHANGHAI)).toMatch(/Nov 23, 2026.*9:30/);
    expect(formatTime('01:30:00Z', SHANGHAI)).toBe('09:30');
  });

  it('conversions follow daylight saving in zones that have it', () => {
    expect(zoneOffsetMinutes(SHANGHAI, new Date(INSTANT))).toBe(480);
    expect(fromZonedInput('2026-07-01T09:30', 'America/New_York')).toBe('2026-07-01T13:30:00.000Z');
    expect(fromZonedInput('2026-11-23T09:30', 'America/New_York')).toBe('2026-11-23T14:30:00.000Z');
    expect(toZonedInput('2026-07-01T13:30:00Z', 'America/New_York')).toBe('2026-07-01T09:30');
    expect(toZonedInput('not a date', SHANGHAI)).toBe('');
    expect(fromZonedInput('09:30', SHANGHAI)).toBeUndefined();
    expect(timeInZone('23:30:00-05:00', SHANGHAI)).toBe('12:30');
  });
});
