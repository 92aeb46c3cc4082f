import path from 'node:path';
import { parseLang, type Lang } from '../i18n';
import { repoRoot } from './paths';

export interface RuntimeOptions {
  district: string;
  /** The district's config folder (default configs/<district>). */
  configDir: string;
  dataDir: string;
  databaseUrl?: string;
  /** Overrides the SQLite file (':memory:' in tests). */
  sqliteFile?: string;
  lang: Lang;
  port: number;
}

/** Options from the environment: DISTRICT, PORT, DATA_DIR, DATABASE_URL, GRIDWORK_LANG. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<RuntimeOptions> = {}): RuntimeOptions {
  const district = overrides.district ?? env.DISTRICT ?? 'xigong';
  const dataDir = path.resolve(/*turbopackIgnore: true*/ overrides.dataDir ?? env.DATA_DIR ?? path.join(repoRoot(), 'data'));
  return {
    district,
    configDir: overrides.configDir ?? path.join(/*turbopackIgnore: true*/ repoRoot(), 'configs', district),
    dataDir,
    databaseUrl: overrides.databaseUrl ?? (env.DATABASE_URL || undefined),
    sqliteFile: overrides.sqliteFile,
    lang: overrides.lang ?? parseLang(env.GRIDWORK_LANG ?? env.LANG_UI),
    port: overrides.port ?? Number(env.PORT ?? 3000),
  };
}

export const sqliteFileFor = (options: RuntimeOptions) => options.sqliteFile ?? path.join(/*turbopackIgnore: true*/ options.dataDir, `${options.district}.sqlite`);
