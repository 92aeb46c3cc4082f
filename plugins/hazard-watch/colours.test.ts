import { describe, expect, it } from 'vitest';
import { colourOf, overdueDays, type Rule } from './colours';

const state = (over: Partial<Parameters<typeof colourOf>[2]> = {}) => ({ inService: true, openAlarmSeverities: [], inspectionOverdueDays: -3, ...over });

describe('hazard source colour rules', () => {
  const rules: Rule[] = [
    { colour: 'grey', outOfService: true },
    { colour: 'red', openAlarmSeverity: ['major'] },
    { colour: 'orange', openAlarmSeverity: ['general'] },
    { colour: 'yellow', inspectionOverdueDays: 0 },
  ];

  it('takes the first matching rule, else the default', () => {
    expect(colourOf(rules, 'blue', state())).toBe('blue');
    expect(colourOf(rules, 'blue', state({ openAlarmSeverities: ['general', 'major'] }))).toBe('red');
    expect(colourOf(rules, 'blue', state({ openAlarmSeverities: ['general'], inspectionOverdueDays: 4 }))).toBe('orange');
    expect(colourOf(rules, 'blue', state({ inspectionOverdueDays: 0 }))).toBe('yellow');
    expect(colourOf(rules, 'blue', state({ inspectionOverdueDays: null }))).toBe('yellow');
    expect(colourOf(rules, 'blue', state({ inService: false, openAlarmSeverities: ['major'] }))).toBe('grey');
  });

  it('follows a district’s own rules: any alarm red, a week overdue orange', () => {
    const strict: Rule[] = [{ colour: 'red', openAlarmSeverity: ['general', 'major'] }, { colour: 'orange', inspectionOverdueDays: 7 }, { colour: 'yellow', inspectionOverdueDays: 0 }];
    expect(colourOf(strict, 'blue', state({ openAlarmSeverities: ['general'] }))).toBe('red');
    expect(colourOf(strict, 'blue', state({ inspectionOverdueDays: 6 }))).toBe('yellow');
    expect(colourOf(strict, 'blue', state({ inspectionOverdueDays: 7 }))).toBe('orange');
    expect(colourOf(strict, 'blue', state({ inService: false }))).toBe('blue');
  });

  it('counts whole days past the next inspection', () => {
    const now = new Date('2026-08-10T00:00:00Z');
    expect(overdueDays('2026-08-01T00:00:00Z', 7, now)).toBe(2);
    expect(overdueDays('2026-08-05T00:00:00Z', 7, now)).toBe(-2);
    expect(overdueDays(null, 7, now)).toBeNull();
  });
});
