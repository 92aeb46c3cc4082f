import type { LocalizedText, UiSchema, Widget } from '../../../core/config/types.generated';
import type { UiLang } from '../../i18n';

export type { LocalizedText, UiSchema, Widget };

/** A JSON Schema node as the renderer reads it (the server's ajv sees the very same object). */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  'x-title-en'?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  readOnly?: boolean;
  'x-widget'?: Widget;
  'x-source'?: 'categories' | 'channels' | 'orgUnits' | 'users';
  'x-enumLabels'?: Record<string, LocalizedText>;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  maxLength?: number;
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  allOf?: JsonSchema[];
  dependentRequired?: Record<string, string[]>;
  [keyword: string]: unknown;
}

/** An issue from the server (ValidationError.issues) or the client validator. */
export interface FieldIssue {
  path: string;
  message: string;
  code?: string;
}

export interface SelectOption {
  value: string | number;
  label: string;
}

/** An org unit as units.json / the units API give it (`parent` or `parentId`). */
export interface OrgUnitOption {
  id: string;
  name: string;
  nameEn?: string | null;
  parentId?: string | null;
  parent?: string | null;
}

/** A grid polygon collection as served by `district.grids` (GeoJSON). */
export interface GridFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    properties: { id?: string; name?: string; [k: string]: unknown } | null;
    geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] } | null;
  }[];
}

/** What the form needs from the page: options from the district, grids, people, where uploads go. */
export interface FormContext {
  grids?: GridFeatureCollection;
  loadGrids?: () => Promise<GridFeatureCollection>;
  orgUnits?: OrgUnitOption[];
  /** Options of fields with `x-source` (categories, channels, users…), already localized. */
  options?: Partial<Record<string, SelectOption[]>>;
  searchPeople?: (query: string) => Promise<SelectOption[]>;
  /** Base URL of the resumable uploads API (default `/api/uploads`). */
  uploadUrl?: string;
  /** Chunk size for uploads in bytes (default and maximum 1 MiB). */
  uploadChunkSize?: number;
  /** Map tiles behind the grid polygons, `{z}/{x}/{y}` template; none by default (no tile server needed). */
  tileUrl?: string;
  /** IANA zone dates and times are shown and entered in: the district's (district.json timeZone). */
  timeZone?: string;
  /** Injected fetch (tests, or a page that adds headers). */
  fetch?: typeof fetch;
}

export interface SchemaFormProps {
  schema: JsonSchema;
  uiSchema?: UiSchema | Record<string, unknown>;
  value?: Record<string, unknown>;
  onSubmit: (data: Record<string, unknown>) => unknown | Promise<unknown>;
  /** Issues of a rejected submission (JSON pointers such as /form/photos or /data/title). */
  serverErrors?: FieldIssue[];
  lang?: UiLang;
  readOnly?: boolean;
  /** localStorage key for the draft; no draft is kept without it. */
  draftKey?: string;
  context?: FormContext;
  submitLabel?: string;
  /** Instrumentation for tests and benchmarks: called with a field's name each time it renders. */
  onFieldRender?: (name: string) => void;
}
