import { createRoot } from 'react-dom/client';
import units from '../../configs/xigong/org/units.json';
import { SchemaForm, type GridFeatureCollection } from '../../web/components/form';
import { benchSchema, drive } from './bench-schema';

(window as any).__pageStart = performance.now();
(window as any).__marks = [];
const { schema, value } = benchSchema();
const count = (name: string) => {
  const renders = (window as any).__renders as Map<string, number> | undefined;
  renders?.set(name, (renders.get(name) ?? 0) + 1);
};
const context = {
  // As in the app, the grid polygons come from the server (here the static file beside the page).
  loadGrids: () => fetch('/grids.json').then((r) => r.json() as Promise<GridFeatureCollection>),
  orgUnits: units,
  searchPeople: async (q: string) => [{ value: 'u1', label: q }],
};
createRoot(document.getElementById('root')!).render(
  <SchemaForm schema={schema} value={value} onSubmit={() => undefined} context={context} onFieldRender={count} />,
);
drive({ firstInput: 'input[id$="-text1"]', typedInput: 'input[id$="-text10"]', lastInput: 'input[id$="-cond20b"]', label: 'gridwork' });
