import type { Kysely } from 'kysely';

export interface UnitPerformance {
  unitId: string;
  clocksMet: number;
  clocksLate: number;
  clocksOverdue: number;
  reminders: number;
  supervisions: number;
  supervisionsOpen: number;
}

/**
 * Per-unit figures for 考核: clocks met or late, clocks still overdue, and the reminder and
 * supervision notices each unit received, over clocks started / notices issued in [from, to).
 */
export async function unitPerformance(db: Kysely<any>, range: { from?: string; to?: string; units?: string[] } = {}): Promise<UnitPerformance[]> {
  const clocks = await db
    .selectFrom('case_clock')
    .select(['unit_id', 'status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '!=', 'cancelled')
    .$if(!!range.from, (qb) => qb.where('started_at', '>=', range.from!))
    .$if(!!range.to, (qb) => qb.where('started_at', '<', range.to!))
    .$if(!!range.units, (qb) => qb.where('unit_id', 'in', range.units!.length ? range.units! : ['']))
    .groupBy(['unit_id', 'status'])
    .execute();
  const notices = await db
    .selectFrom('notice')
    .select(['unit_id', 'kind', 'status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .$if(!!range.from, (qb) => qb.where('issued_at', '>=', range.from!))
    .$if(!!range.to, (qb) => qb.where('issued_at', '<', range.to!))
    .$if(!!range.units, (qb) => qb.where('unit_id', 'in', range.units!.length ? range.units! : ['']))
    .groupBy(['unit_id', 'kind', 'status'])
    .execute();
  const byUnit = new Map<string, UnitPerformance>();
  const get = (unitId: string) => {
    let row = byUnit.get(unitId);
    if (!row) byUnit.set(unitId, (row = { unitId, clocksMet: 0, clocksLate: 0, clocksOverdue: 0, reminders: 0, supervisions: 0, supervisionsOpen: 0 }));
    return row;
  };
  for (const c of clocks) {
    if (!c.unit_id) continue;
    const row = get(c.unit_id);
    if (c.status === 'met') row.clocksMet += Number(c.n);
    else if (c.status === 'late') row.clocksLate += Number(c.n);
    else if (c.status === 'breached') row.clocksOverdue += Number(c.n);
  }
  for (const n of notices) {
    const row = get(n.unit_id);
    if (n.kind === 'reminder') row.reminders += Number(n.n);
    if (n.kind === 'supervision') {
      row.supervisions += Number(n.n);
      if (n.status === 'open') row.supervisionsOpen += Number(n.n);
    }
  }
  return [...byUnit.values()].sort((a, b) => b.supervisions - a.supervisions || b.reminders - a.reminders || a.unitId.localeCompare(b.unitId));
}
