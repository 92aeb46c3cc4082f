import type {
  DistrictConfig,
  EntityDefinition,
  MultiPolygon,
  OrgUnit,
  Polygon,
  WorkflowDefinition,
} from './types.generated';

/** One unit of the org tree, from units.json or from a grid feature (with its geometry). */
export interface OrgUnitSpec extends OrgUnit {
  geometry?: Polygon | MultiPolygon;
}

/** Everything a district's config folder declares, validated and cross-checked. */
export interface DistrictBundle {
  dir: string;
  district: DistrictConfig;
  units: OrgUnitSpec[];
  entities: EntityDefinition[];
  workflows: WorkflowDefinition[];
}
