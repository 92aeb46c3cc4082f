/**
 * The benchmark form: 150 fields of every widget type with 20 conditional sections (if/then in
 * allOf, two fields each), all open in the initial value so both renderers draw all 150.
 */
type Schema = Record<string, any>;

const WIDGET_COUNTS: [string, number, (i: number) => Schema][] = [
  ['text', 20, (i) => ({ type: 'string', title: `文本${i}`, maxLength: 100 })],
  ['textarea', 8, (i) => ({ type: 'string', title: `说明${i}`, maxLength: 2000, 'x-widget': 'textarea' })],
  ['number', 10, (i) => ({ type: 'integer', title: `数量${i}`, minimum: 0, maximum: 1000 })],
  ['select', 8, (i) => ({ type: 'string', title: `类别${i}`, enum: ['a', 'b', 'c', 'd', 'e', 'f'], 'x-widget': 'select' })],
  ['radio', 8, (i) => ({ type: 'string', title: `等级${i}`, enum: ['low', 'mid', 'high'], 'x-widget': 'radio' })],
  [
    'multi',
    6,
    (i) => ({ type: 'array', title: `标签${i}`, uniqueItems: true, items: { type: 'string', enum: ['x', 'y', 'z', 'w'] }, 'x-widget': 'multiSelect' }),
  ],
  ['date', 6, (i) => ({ type: 'string', format: 'date', title: `日期${i}` })],
  ['time', 4, (i) => ({ type: 'string', format: 'time', title: `时刻${i}` })],
  ['datetime', 4, (i) => ({ type: 'string', format: 'date-time', title: `时间${i}` })],
  ['photo', 3, (i) => ({ type: 'array', title: `照片${i}`, maxItems: 9, items: { type: 'string' }, 'x-widget': 'photo' })],
  [
    'location',
    2,
    (i) => ({
      type: 'object',
      title: `位置${i}`,
      'x-widget': 'location',
      properties: { lng: { type: 'number', minimum: -180, maximum: 180 }, lat: { type: 'number', minimum: -90, maximum: 90 } },
      required: ['lng', 'lat'],
    }),
  ],
  ['unit', 3, (i) => ({ type: 'string', title: `部门${i}`, 'x-widget': 'orgUnit' })],
  ['person', 3, (i) => ({ type: 'string', title: `人员${i}`, 'x-widget': 'person' })],
  [
    'group',
    3,
    (i) => ({
      type: 'array',
      title: `明细${i}`,
      items: { type: 'object', properties: { name: { type: 'string', title: '名称' }, qty: { type: 'integer', title: '数量' } }, required: ['name'] },
    }),
  ],
  ['readonly', 2, (i) => ({ type: 'string', title: `编号${i}`, readOnly: true })],
];

export const SECTIONS = 20;

export function benchSchema(): { schema: Schema; value: Record<string, unknown>; uiWidgets: Record<string, string>; fieldCount: number } {
  const properties: Record<string, Schema> = {};
  const value: Record<string, unknown> = {};
  const uiWidgets: Record<string, string> = {};
  for (const [kind, count, make] of WIDGET_COUNTS) {
    for (let i = 1; i <= count; i++) {
      properties[`${kind}${i}`] = make(i);
      if (['textarea', 'radio', 'multi'].includes(kind)) uiWidgets[`${kind}${i}`] = kind === 'multi' ? 'checkboxes' : kind;
    }
  }
  for (let i = 1; i <= 2; i++) value[`readonly${i}`] = `XG-${i}`;
  for (let i = 1; i <= 3; i++) value[`group${i}`] = [{ name: '沙袋', qty: 2 }];
  const allOf: Schema[] = [];
  for (let s = 1; s <= SECTIONS; s++) {
    properties[`flag${s}`] = { type: 'boolean', title: `情形${s}` };
    value[`flag${s}`] = true;
    allOf.push({
      if: { properties: { [`flag${s}`]: { const: true } }, required: [`flag${s}`] },
      then: {
        properties: {
          [`cond${s}a`]: { type: 'string', title: `补充${s}`, maxLength: 100 },
          [`cond${s}b`]: { type: 'integer', title: `补充数量${s}`, minimum: 0 },
        },
        required: [`cond${s}a`],
      },
    });
  }
  const fieldCount = Object.keys(properties).length + SECTIONS * 2;
  return { schema: { type: 'object', properties, required: ['text1', 'number1'], allOf }, value, uiWidgets, fieldCount };
}

/** In-page driver shared by both pages: waits for the form, types, reports timings on window. */
export function drive(options: { firstInput: string; typedInput: string; lastInput: string; label: string }) {
  const w = window as any;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  const channel = new MessageChannel();
  const macrotask = () =>
    new Promise<void>((r) => {
      channel.port1.onmessage = () => r();
      channel.port2.postMessage(0);
    });
  const typeInto = (el: HTMLInputElement, text: string) => {
    setter.call(el, text);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const waitFor = (selector: string) =>
    new Promise<HTMLInputElement>((resolve) => {
      const poll = () => {
        const el = document.querySelector<HTMLInputElement>(selector);
        if (el) resolve(el);
        else requestAnimationFrame(poll);
      };
      poll();
    });
  (async () => {
    const first = await waitFor(options.firstInput);
    const mounted = performance.now();
    typeInto(first, 'a');
    await new Promise<void>((r) => requestAnimationFrame(() => r()));
    await macrotask();
    const interactive = performance.now();
    const reflected = (document.querySelector<HTMLInputElement>(options.firstInput)?.value ?? '') === 'a';
    // Every one of the 150 fields mounted (Gridwork mounts below-the-fold fields in transitions).
    await waitFor(options.lastInput);
    const complete = performance.now();
    // Steady state for the keystroke measurement: lazy widget code loaded, nothing pending.
    while (document.querySelector('.gw-loading')) await new Promise((r) => requestAnimationFrame(r));
    await new Promise((r) => setTimeout(r, 300));
    const target = document.querySelector<HTMLInputElement>(options.typedInput)!;
    w.__renders = new Map();
    const latencies: number[] = [];
    let text = '';
    for (const ch of '网格员上报路灯损坏情况请尽快处理谢谢网格员上报路灯损坏情况') {
      text += ch;
      const t = performance.now();
      typeInto(target, text);
      await macrotask();
      latencies.push(performance.now() - t);
    }
    const finalValue = document.querySelector<HTMLInputElement>(options.typedInput)?.value;
    w.__result = {
      label: options.label,
      mounted,
      interactive,
      complete,
      reflected: reflected && finalValue === text,
      latencies,
      renders: Object.fromEntries(w.__renders),
      inputs: document.querySelectorAll('input, textarea').length,
    };
  })();
}
