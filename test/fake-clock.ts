/** A clock tests move by hand: deadlines are reached without sleeping. */
export function fakeClock(start: string) {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (minutes: number) => void (now += minutes * 60_000) };
}
