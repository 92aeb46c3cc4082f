import { afterEach, describe, expect, it, vi } from 'vitest';
import { addClockMinutes, clockMinutesBetween, type WorkCalendar } from './business-time';

const MINUTE = 60_000;

const shanghai: WorkCalendar = { timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30' };
const newYork: WorkCalendar = { ...shanghai, timeZone: 'America/New_York' };

// 2026 National Day: 1–7 October off, Sunday 20 September and Saturday 10 October worked instead.
const nationalDay: WorkCalendar = {
  ...shanghai,
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-09-20', '2026-10-10'],
};

/** Beijing wall time 'YYYY-MM-DDTHH:MM' as an instant. */
const bj = (s: string) => new Date(`${s}:00+08:00`);

const addW = (start: Date, minutes: number, cal: WorkCalendar = shanghai) => addClockMinutes(start, minutes, 'working', cal);
const betweenW = (a: Date, b: Date, cal: WorkCalendar = shanghai) => clockMinutesBetween(a, b, 'working', cal);

// -------------------------------------------------------------------------------------------
// A deliberately naive reference: walks minute by minute and asks Intl for each minute's local
// weekday and time, sharing no code with the implementation.

const refFormatters = new Map<string, Intl.DateTimeFormat>();
const ISO_WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function refIsWorkingMinute(cal: WorkCalendar, t: number): boolean {
  let f = refFormatters.get(cal.timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: cal.timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    refFormatters.set(cal.timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  const date = `${p.year}-${p.month}-${p.day}`;
  const hhmm = `${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
  const workingDay =
    !(cal.holidays ?? []).includes(date) && (cal.days.includes(ISO_WEEKDAY[p.weekday]) || (cal.workdays ?? []).includes(date));
  return workingDay && hhmm >= cal.start && hhmm < cal.end;
}

/** Minute-aligned starts only: the end of the `minutes`-th working minute after start. */
function refAdd(cal: WorkCalendar, start: Date, minutes: number): Date {
  let t = start.getTime();
  if (minutes === 0) return new Date(t);
  for (let counted = 0; ; t += MINUTE) {
    if (refIsWorkingMinute(cal, t) && ++counted === minutes) return new Date(t + MINUTE);
  }
}

function refBetween(cal: WorkCalendar, a: Date, b: Date): number {
  let n = 0;
  for (let t = a.getTime(); t < b.getTime(); t += MINUTE) if (refIsWorkingMinute(cal, t)) n++;
  return n;
}

/** Seeded so a failure reproduces. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('calendar time', () => {
  it('adds wall-clock minutes and ignores any calendar', () => {
    const start = bj('2026-03-07T10:00'); // a Saturday
    expect(addClockMinutes(start, 30, 'calendar')).toEqual(bj('2026-03-07T10:30'));
    expect(addClockMinutes(start, 30, 'calendar', shanghai)).toEqual(bj('2026-03-07T10:30'));
    expect(addClockMinutes(start, 24 * 60, 'calendar')).toEqual(bj('2026-03-08T10:00'));
    expect(addClockMinutes(start, 0.5, 'calendar').getTime()).toBe(start.getTime() + 30_000);
  });

  it('measures signed, fractional minutes', () => {
    const a = bj('2026-03-07T10:00');
    expect(clockMinutesBetween(a, bj('2026-03-07T12:30'), 'calendar')).toBe(150);
    expect(clockMinutesBetween(bj('2026-03-07T12:30'), a, 'calendar')).toBe(-150);
    expect(clockMinutesBetween(a, new Date(a.getTime() + 90_000), 'calendar')).toBe(1.5);
  });

  it('counts real elapsed time across a DST change', () => {
    // 01:00 EST → 04:00 EDT on 8 March 2026 is two hours, not three.
    expect(clockMinutesBetween(new Date('2026-03-08T01:00:00-05:00'), new Date('2026-03-08T04:00:00-04:00'), 'calendar')).toBe(120);
  });
});

describe('working time (Asia/Shanghai, Mon–Fri 08:30–17:30)', () => {
  it('within a working day', () => {
    expect(addW(bj('2026-03-02T09:00'), 120)).toEqual(bj('2026-03-02T11:00')); // Monday
    expect(betweenW(bj('2026-03-02T09:00'), bj('2026-03-02T11:00'))).toBe(120);
    expect(addW(bj('2026-03-02T08:30'), 9 * 60)).toEqual(bj('2026-03-02T17:30'));
  });

  it('across the evening', () => {
    expect(addW(bj('2026-03-02T17:00'), 60)).toEqual(bj('2026-03-03T09:00'));
    expect(betweenW(bj('2026-03-02T17:00'), bj('2026-03-03T09:00'))).toBe(60);
    // "24 working hours" from Monday 10:00: 7.5 h Monday, 9 h Tuesday, 7.5 h Wednesday.
    expect(addW(bj('2026-03-02T10:00'), 24 * 60)).toEqual(bj('2026-03-04T16:00'));
  });

  it('across a weekend', () => {
    // 30 minutes on Friday (17:00–17:30) plus 30 on Monday from 08:30.
    expect(addW(bj('2026-03-06T17:00'), 60)).toEqual(bj('2026-03-09T09:00'));
    expect(addW(bj('2026-03-06T17:00'), 90)).toEqual(bj('2026-03-09T09:30'));
    expect(betweenW(bj('2026-03-06T17:00'), bj('2026-03-09T09:30'))).toBe(90);
    expect(betweenW(bj('2026-03-07T00:00'), bj('2026-03-09T00:00'))).toBe(0);
  });

  it('skips holidays and works 调休 weekend days', () => {
    // Wednesday 30 Sep 17:00: 30 min that day, then nothing until Thursday 8 Oct.
    expect(addW(bj('2026-09-30T17:00'), 60, nationalDay)).toEqual(bj('2026-10-08T09:00'));
    expect(addW(bj('2026-09-30T17:00'), 60)).toEqual(bj('2026-10-01T09:00'));
    // Friday 9 Oct 17:00: Saturday 10 Oct is a make-up workday.
    expect(addW(bj('2026-10-09T17:00'), 60, nationalDay)).toEqual(bj('2026-10-10T09:00'));
    expect(addW(bj('2026-10-09T17:00'), 60)).toEqual(bj('2026-10-12T09:00'));
    // The Sunday before is worked too.
    expect(addW(bj('2026-09-19T10:00'), 30, nationalDay)).toEqual(bj('2026-09-20T09:00'));
    expect(betweenW(bj('2026-09-30T00:00'), bj('2026-10-11T00:00'), nationalDay)).toBe(4 * 9 * 60); // 30 Sep, 8, 9, 10 Oct
  });

  it('holidays win over workdays listing the same date', () => {
    const cal: WorkCalendar = { ...shanghai, holidays: ['2026-10-10'], workdays: ['2026-10-10'] };
    expect(addW(bj('2026-10-09T17:00'), 60, cal)).toEqual(bj('2026-10-12T09:00'));
  });

  it('a clock started outside working hours starts at the next opening', () => {
    expect(addW(bj('2026-03-07T10:00'), 30)).toEqual(bj('2026-03-09T09:00')); // Saturday
    expect(addW(bj('2026-03-09T07:00'), 30)).toEqual(bj('2026-03-09T09:00')); // Monday morning
    expect(addW(bj('2026-03-09T18:00'), 30)).toEqual(bj('2026-03-10T09:00')); // Monday evening
    expect(addW(bj('2026-03-09T17:30'), 30)).toEqual(bj('2026-03-10T09:00')); // exactly at closing
    expect(betweenW(bj('2026-03-07T10:00'), bj('2026-03-09T09:00'))).toBe(30);
  });

  it('a deadline exactly at the end of the day stays on that day', () => {
    expect(addW(bj('2026-03-09T16:30'), 60)).toEqual(bj('2026-03-09T17:30'));
    expect(addW(bj('2026-03-06T16:30'), 60)).toEqual(bj('2026-03-06T17:30')); // Friday, not Monday
    expect(addW(bj('2026-03-09T16:30'), 61)).toEqual(bj('2026-03-10T08:31'));
  });

  it('zero minutes is the start itself', () => {
    expect(addW(bj('2026-03-07T10:00'), 0)).toEqual(bj('2026-03-07T10:00'));
  });

  it('handles seconds, milliseconds and fractional minutes', () => {
    const start = new Date(bj('2026-03-09T09:00').getTime() + 12_345);
    expect(addW(start, 1.5).getTime()).toBe(start.getTime() + 90_000);
    expect(betweenW(start, new Date(start.getTime() + 90_000))).toBe(1.5);
  });

  it('is negative when b precedes a', () => {
    expect(betweenW(bj('2026-03-09T09:30'), bj('2026-03-06T17:00'))).toBe(-90);
  });

  it('treats 00:00–24:00 on every day as calendar time', () => {
    const always: WorkCalendar = { timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' };
    expect(addW(bj('2026-03-07T10:00'), 10_000, always)).toEqual(addClockMinutes(bj('2026-03-07T10:00'), 10_000, 'calendar'));
  });
});

describe('large values', () => {
  it('10,000 working minutes match a minute-by-minute reference (holidays and 调休)', () => {
    const start = bj('2026-09-15T11:17');
    const expected = refAdd(nationalDay, start, 10_000);
    expect(addW(start, 10_000, nationalDay)).toEqual(expected);
    expect(betweenW(start, expected, nationalDay)).toBe(10_000);
  });

  it('10,000 working minutes match the reference across a DST change (America/New_York)', () => {
    const start = new Date('2026-02-20T10:03:00-05:00'); // 18+ working days later is after 8 March
    const expected = refAdd(newYork, start, 10_000);
    expect(addW(start, 10_000, newYork)).toEqual(expected);
    expect(betweenW(start, expected, newYork)).toBe(refBetween(newYork, start, expected));
  });

  it('jumps by whole days instead of walking minutes', () => {
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    addW(new Date('2026-04-01T12:00:00Z'), 10_000, { ...shanghai, timeZone: 'Europe/Berlin' });
    // A minute walk needs ~37,000 look-ups; whole days need a handful per day (≈27 days).
    expect(spy.mock.calls.length).toBeGreaterThan(0);
    expect(spy.mock.calls.length).toBeLessThan(500);
  });

  it('handles decades of working time quickly', () => {
    const t0 = performance.now();
    const end = addW(bj('2026-01-05T08:30'), 9 * 60 * 5 * 52 * 10); // ~10 years of full weeks
    expect(end.getTime()).toBeGreaterThan(bj('2035-12-01T00:00').getTime());
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});

describe('properties', () => {
  const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago'];

  it('clockMinutesBetween(s, addClockMinutes(s, m)) ≈ m for random starts and durations', () => {
    const rnd = mulberry32(20260310);
    for (let i = 0; i < 300; i++) {
      const cal: WorkCalendar = { ...nationalDay, timeZone: zones[i % zones.length] };
      const start = new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 365 * 24 * 3600_000) + Math.floor(rnd() * 60_000));
      const m = i % 3 === 0 ? Math.round(rnd() * 100 * 1000) / 1000 : Math.floor(rnd() * 20_000);
      const end = addW(start, m, cal);
      expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
      expect(betweenW(start, end, cal)).toBeCloseTo(m, 6);
      expect(betweenW(end, start, cal)).toBeCloseTo(-m, 6);
    }
  });

  it('deadlines grow with the duration, and intervals add up', () => {
    const rnd = mulberry32(7);
    for (let i = 0; i < 100; i++) {
      const cal: WorkCalendar = { ...shanghai, timeZone: zones[i % zones.length] };
      const s = new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 365 * 24 * 3600_000));
      const m = Math.floor(rnd() * 5_000);
      expect(addW(s, m + 1, cal).getTime()).toBeGreaterThan(addW(s, m, cal).getTime());
      const t = new Date(s.getTime() + Math.floor(rnd() * 30 * 24 * 3600_000));
      const u = new Date(t.getTime() + Math.floor(rnd() * 30 * 24 * 3600_000));
      expect(betweenW(s, t, cal) + betweenW(t, u, cal)).toBeCloseTo(betweenW(s, u, cal), 6);
    }
  });

  it('agrees with the reference on random small cases', () => {
    const rnd = mulberry32(42);
    for (let i = 0; i < 40; i++) {
      const cal: WorkCalendar = { ...nationalDay, timeZone: zones[i % zones.length] };
      const start = new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 365 * 24 * 60) * MINUTE);
      const m = Math.floor(rnd() * 1_500);
      expect(addW(start, m, cal)).toEqual(refAdd(cal, start, m));
    }
  });
});

describe('DST (America/New_York, change on Sunday 8 March 2026)', () => {
  it('working time follows the local clock, not a fixed offset', () => {
    // Friday 17:00 EST + 60 → Monday 09:00 EDT (13:00Z; a fixed −5 h would say 14:00Z).
    expect(addW(new Date('2026-03-06T17:00:00-05:00'), 60, newYork)).toEqual(new Date('2026-03-09T13:00:00Z'));
    expect(betweenW(new Date('2026-03-06T08:30:00-05:00'), new Date('2026-03-09T17:30:00-04:00'), newYork)).toBe(2 * 9 * 60);
  });

  it('a working night shrinks by the skipped hour and grows by the repeated one', () => {
    const nights: WorkCalendar = { timeZone: 'America/New_York', days: [7], start: '00:00', end: '06:00' };
    expect(betweenW(new Date('2026-03-07T12:00:00Z'), new Date('2026-03-09T12:00:00Z'), nights)).toBe(5 * 60);
    expect(betweenW(new Date('2026-10-31T12:00:00Z'), new Date('2026-11-02T12:00:00Z'), nights)).toBe(7 * 60);
    expect(addW(new Date('2026-03-08T00:00:00-05:00'), 5 * 60, nights)).toEqual(new Date('2026-03-08T06:00:00-04:00'));
  });

  it('a boundary inside the gap opens when the clocks jump; inside the overlap, at its first occurrence', () => {
    const gap: WorkCalendar = { timeZone: 'America/New_York', days: [7], start: '02:30', end: '05:00' };
    expect(addW(new Date('2026-03-08T00:00:00-05:00'), 1, gap)).toEqual(new Date('2026-03-08T03:01:00-04:00'));
    const overlap: WorkCalendar = { timeZone: 'America/New_York', days: [7], start: '01:30', end: '02:00' };
    // 01:30 EDT (05:30Z) until 02:00 EST (07:00Z).
    expect(addW(new Date('2026-11-01T00:00:00-04:00'), 1, overlap)).toEqual(new Date('2026-11-01T05:31:00Z'));
    expect(betweenW(new Date('2026-10-31T00:00:00Z'), new Date('2026-11-02T00:00:00Z'), overlap)).toBe(90);
  });

  it('00:00–24:00 on every day equals calendar time even across the change', () => {
    const always: WorkCalendar = { timeZone: 'America/New_York', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' };
    const s = new Date('2026-03-07T15:00:00Z');
    expect(addW(s, 3 * 24 * 60, always)).toEqual(addClockMinutes(s, 3 * 24 * 60, 'calendar'));
    expect(betweenW(s, new Date('2026-11-05T00:00:00Z'), always)).toBe(clockMinutesBetween(s, new Date('2026-11-05T00:00:00Z'), 'calendar'));
  });
});

describe('DST at midnight (America/Santiago, 2026)', () => {
  // 4 April: 24:00 −03 falls back to 23:00 −04. 6 September: 00:00 −04 jumps to 01:00 −03.
  it('a working evening before a midnight fall-back includes the repeated hour', () => {
    const saturdays: WorkCalendar = { timeZone: 'America/Santiago', days: [6], start: '20:00', end: '24:00' };
    expect(betweenW(new Date('2026-04-04T12:00:00Z'), new Date('2026-04-06T12:00:00Z'), saturdays)).toBe(5 * 60);
    expect(addW(new Date('2026-04-04T12:00:00Z'), 5 * 60, saturdays)).toEqual(new Date('2026-04-05T04:00:00Z'));
  });

  it('a working day whose midnight does not exist opens at 01:00', () => {
    const sundays: WorkCalendar = { timeZone: 'America/Santiago', days: [7], start: '00:00', end: '08:00' };
    expect(addW(new Date('2026-09-05T12:00:00Z'), 1, sundays)).toEqual(new Date('2026-09-06T04:01:00Z'));
    expect(betweenW(new Date('2026-09-05T12:00:00Z'), new Date('2026-09-07T12:00:00Z'), sundays)).toBe(7 * 60);
  });

  it('00:00–24:00 on every day equals calendar time through both changes', () => {
    const always: WorkCalendar = { timeZone: 'America/Santiago', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' };
    for (const iso of ['2026-04-04T01:17:00Z', '2026-04-05T03:30:00Z', '2026-09-05T20:00:00Z']) {
      const s = new Date(iso);
      expect(addW(s, 2 * 24 * 60 + 7, always)).toEqual(addClockMinutes(s, 2 * 24 * 60 + 7, 'calendar'));
    }
    const a = new Date('2026-03-01T00:00:00Z');
    const b = new Date('2026-10-01T00:00:00Z');
    expect(betweenW(a, b, always)).toBe(clockMinutesBetween(a, b, 'calendar'));
  });
});

describe('bad input', () => {
  const start = bj('2026-03-09T09:00');

  it('rejects bad minutes, dates and clock kinds', () => {
    expect(() => addW(start, -1)).toThrow(/minutes must be a finite number >= 0/);
    expect(() => addW(start, Number.NaN)).toThrow(/minutes/);
    expect(() => addW(start, Number.POSITIVE_INFINITY)).toThrow(/minutes/);
    expect(() => addClockMinutes(start, -5, 'calendar')).toThrow(/minutes/);
    expect(() => addW(new Date('nope'), 5)).toThrow(/start must be a valid Date/);
    expect(() => clockMinutesBetween(start, new Date(Number.NaN), 'calendar')).toThrow(/valid Date/);
    expect(() => addClockMinutes(start, 5, 'wall' as never)).toThrow(/'calendar' or 'working'/);
  });

  it("requires a calendar for 'working' time", () => {
    expect(() => addClockMinutes(start, 5, 'working')).toThrow(/needs a WorkCalendar/);
    expect(() => clockMinutesBetween(start, start, 'working')).toThrow(/needs a WorkCalendar/);
  });

  it('rejects malformed calendars', () => {
    expect(() => addW(start, 5, { ...shanghai, end: '08:30' })).toThrow(/end \(08:30\) must be after start \(08:30\)/);
    expect(() => addW(start, 5, { ...shanghai, start: '18:00' })).toThrow(/must be after start/);
    for (const bad of ['8:30', '25:00', '08:60', '0830', 'noon', '24:00']) {
      expect(() => addW(start, 5, { ...shanghai, start: bad })).toThrow(/WorkCalendar\.start must be a local time 'HH:MM'/);
    }
    expect(() => addW(start, 5, { ...shanghai, end: '24:01' })).toThrow(/WorkCalendar\.end/);
    expect(() => addW(start, 5, { ...shanghai, timeZone: 'Mars/Olympus' })).toThrow(/unknown IANA time zone "Mars\/Olympus"/);
    expect(() => addW(start, 5, { ...shanghai, days: [0, 1] })).toThrow(/not an ISO weekday/);
    expect(() => addW(start, 5, { ...shanghai, days: [8] })).toThrow(/not an ISO weekday/);
    expect(() => addW(start, 5, { ...shanghai, holidays: ['2026-02-30'] })).toThrow(/holidays: "2026-02-30" is not a valid date/);
    expect(() => addW(start, 5, { ...shanghai, workdays: ['2026/10/10'] })).toThrow(/workdays/);
  });

  it('a calendar without working days throws instead of looping', () => {
    const none: WorkCalendar = { ...shanghai, days: [] };
    expect(() => addW(start, 5, none)).toThrow(/no working days left/);
    // Only explicit workdays: usable until they run out.
    const sparse: WorkCalendar = { ...shanghai, days: [], workdays: ['2026-10-10', '2027-02-14'] };
    expect(addW(start, 30, sparse)).toEqual(bj('2026-10-10T09:00'));
    expect(addW(start, 9 * 60 + 30, sparse)).toEqual(bj('2027-02-14T09:00'));
    expect(() => addW(start, 2 * 9 * 60 + 1, sparse)).toThrow(/no working days left/);
    expect(betweenW(start, bj('2030-01-01T00:00'), none)).toBe(0);
    expect(betweenW(start, bj('2030-01-01T00:00'), sparse)).toBe(2 * 9 * 60);
  });
});
