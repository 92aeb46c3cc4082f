import type { AppAbility } from '../access/app-ability';
import type { Lang } from '../i18n';

export interface ServiceContext {
  lang: Lang;
  actor?: { id: string };
  /**
   * What the actor may do. Absent only for the system itself (CLI, seed, jobs): every request
   * from a person carries one, and every read of the entity service is narrowed by it in SQL.
   */
  ability?: AppAbility;
  /** The roles the actor holds (any unit): workflow transitions name the roles that may fire them. */
  roles?: string[];
  /** The units the actor holds roles in: task completion and "my queue" are per unit. */
  units?: string[];
  /** Correlates log lines and audit entries of one request. */
  requestId?: string;
  ip?: string;
  /**
   * Points in this request are already in the district's coordinate system, whatever the record's
   * channel declares: the web app's map pins sit on the district's own grid polygons.
   */
  pointsInDistrictSystem?: boolean;
}

export const systemContext = (lang: Lang = 'zh-CN'): ServiceContext => ({ lang, actor: { id: 'system' } });
