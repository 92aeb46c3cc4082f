import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDistrict, checkDistrictFiles, formatIssues, loadDistrict, readDistrictFiles } from './index';
import { ConfigError } from '../errors';
import { generatePluginSettingsTypes, generateTypes, GENERATED_TYPES_FILE } from './gen-types';

const DISTRICTS = ['xigong', 'zhongzhan', 'huiji', 'zhengzhou'];

/** A copy of a district folder to break, edited through `mutate(file, json)`. */
function brokenCopy(district: string, edits: Record<string, (json: any) => unknown>): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'gw-config-')), district);
  cpSync(path.join('configs', district), dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const full = path.join(dir, file);
    const json = JSON.parse(readFileSync(full, 'utf8'));
    const replaced = edit(json);
    writeFileSync(full, JSON.stringify(replaced ?? json));
  }
  return dir;
}

describe('district configs', () => {
  it.each(DISTRICTS)('%s is valid', (district) => {
    const { bundle, issues } = checkDistrict(path.join('configs', district), 'en');
    expect(formatIssues(issues)).toBe('');
    expect(bundle?.district.id).toBe(district);
  });

  it('hold the facts of the seed articles', () => {
    const xigong = loadDistrict('configs/xigong');
    expect(xigong.district.orgLevels.map((l) => l.key)).toEqual(['district', 'subdistrict', 'community', 'grid', 'building']);
    expect(xigong.district.slaProfiles[0].clocks.map((c) => c.minutes)).toEqual([30, 120, 1440]);
    const zhengzhou = loadDistrict('configs/zhengzhou');
    const count = (level: string, kind = 'grid') => zhengzhou.units.filter((u) => u.level === level && u.kind === kind).length;
    expect([count('grid1'), count('grid2'), count('grid3'), count('grid3', 'dedicatedGrid')]).toEqual([215, 3530, 19582, 4835]);
    const zhongzhan = loadDistrict('configs/zhongzhan');
    expect(zhongzhan.units.filter((u) => u.level === 'subdistrict' && u.kind === 'area')).toHaveLength(9);
    expect(zhongzhan.units.filter((u) => u.kind === 'gridHome')).toHaveLength(59);
    const huiji = loadDistrict('configs/huiji');
    expect(huiji.units.filter((u) => u.level === 'community' && u.kind === 'area')).toHaveLength(76);
  });
});

describe('config errors', () => {
  it('names file, pointer and reason for each cross-reference error, and collects them all', () => {
    const dir = brokenCopy('xigong', {
      'district.json': (d) => {
        d.routing = { manualUnit: 'nowhereCentre', addressAliases: [{ unit: 'ghostVillage', aliases: ['鬼村'] }] };
        d.riskSignals = { channels: ['pigeonPost', 'publicOpinion'], levels: [{ minChannels: 2, level: 'medium' }] };
        d.roles[4].permissions.push('noSuchPermission');
        d.categories[0].defaultDepartments = ['nowhere'];
        d.categories[1].defaultDepartments = ['xg']; // a unit, but not a department
        d.permissions.caseReadOwn.fields.push('shoeSize');
        d.permissions.orgRead.subject = 'Spaceship';
      },
      'org/units.json': (units) => {
        units[1].parent = 'ghost';
      },
      'org/grids.geojson': (fc) => {
        fc.features[0].geometry.coordinates[0][0] = [112.1, 34.1];
      },
      'workflows/case-workflow.json': (w) => {
        w.transitions[0].roles.push('astronaut');
        w.transitions[1].to = 'nirvana';
        w.transitions[2].actions = [{ do: 'startClock', clock: 'sundial' }];
        w.states.push({ key: 'limbo', label: { 'zh-CN': '悬置' } });
      },
    });
    const { bundle, issues } = checkDistrict(dir, 'en');
    expect(bundle).toBeUndefined();
    const lines = formatIssues(issues).split('\n');
    const has = (re: RegExp) => expect(lines.some((l) => re.test(l)), `${re} in\n${lines.join('\n')}`).toBe(true);
    has(/district\.json → \/roles\/4\/permissions\/\d+ → unknown permission "noSuchPermission"/);
    has(/district\.json → \/categories\/0\/defaultDepartments\/0 → unknown department "nowhere"/);
    has(/district\.json → \/categories\/1\/defaultDepartments\/0 → "xg" is not a department/);
    has(/district\.json → \/permissions\/caseReadOwn\/fields\/\d+ → entity "incidentCase" has no field "shoeSize"/);
    has(/district\.json → \/permissions\/orgRead\/subject → unknown subject "Spaceship"/);
    has(/units\.json → \/1\/parent → unknown parent unit "ghost"/);
    has(/grids\.geojson → \/features\/0\/geometry\/coordinates\/0 → polygon ring is not closed/);
    has(/case-workflow\.json → \/transitions\/0\/roles\/\d+ → unknown role "astronaut"/);
    has(/case-workflow\.json → \/transitions\/1\/to → unknown state "nirvana"/);
    has(/case-workflow\.json → \/transitions\/2\/actions\/0\/clock → unknown clock "sundial"/);
    has(/case-workflow\.json → \/states\/12 → state "limbo" cannot be reached/);
    has(/district\.json → \/routing\/manualUnit → unknown org unit "nowhereCentre"/);
    has(/district\.json → \/routing\/addressAliases\/0\/unit → unknown org unit "ghostVillage"/);
    has(/district\.json → \/riskSignals\/channels\/0 → unknown channel "pigeonPost"/);
  });

  it('reports schema violations with JSON pointers, in Chinese by default', () => {
    const dir = brokenCopy('xigong', {
      'district.json': (d) => {
        d.timeZone = 42;
        d.slaProfiles[0].clocks[0].minutes = 0;
        d.colour = 'red';
      },
    });
    const zh = formatIssues(checkDistrict(dir).issues);
    expect(zh).toMatch(/district\.json → \/timeZone → 应当是 string 类型/);
    expect(zh).toMatch(/\/slaProfiles\/0\/clocks\/0\/minutes → 应当为? >= 1/);
    expect(zh).toMatch(/\/colour → 不允许的属性/);
    const en = formatIssues(checkDistrict(dir, 'en').issues);
    expect(en).toMatch(/\/timeZone → must be string/);
  });

  it('reports malformed JSON and a missing file', () => {
    const dir = brokenCopy('xigong', {});
    writeFileSync(path.join(dir, 'org/units.json'), '[{"id": "xg",');
    const issues = checkDistrict(dir, 'en').issues;
    expect(formatIssues(issues)).toMatch(/units\.json → \/ → invalid JSON/);
    expect(formatIssues(checkDistrict(path.join(dir, 'nothing-here'), 'en').issues)).toMatch(/district\.json → \/ → file not found/);
  });

  it('refuses an invalid polygon that is valid JSON', () => {
    const dir = brokenCopy('xigong', {
      'org/grids.geojson': (fc) => {
        fc.features[2].geometry = { type: 'Polygon', coordinates: [[[112.4, 34.6], [112.5, 34.6], [112.4, 34.6]]] };
        fc.features[3].geometry.coordinates[0][1] = [200, 34.6];
      },
    });
    const text = formatIssues(checkDistrict(dir, 'en').issues);
    expect(text).toMatch(/grids\.geojson → \/features\/2\/geometry/);
    expect(text).toMatch(/grids\.geojson → \/features\/3\/geometry\/coordinates\/0\/1 → coordinate out of range/);
  });

  it('loadDistrict throws a ConfigError carrying every issue', () => {
    const dir = brokenCopy('xigong', { 'district.json': (d) => void (d.roles[0].permissions = ['x', 'y']) });
    expect(() => loadDistrict(dir, 'en')).toThrow(ConfigError);
    try {
      loadDistrict(dir, 'en');
    } catch (e) {
      expect((e as ConfigError).issues).toHaveLength(2);
    }
  });

  // Two CLI processes, each compiling its sources at start: allow minutes on a busy 2-core runner.
  it('the CLI exits non-zero with one line per error and no stack trace', () => {
    const dir = brokenCopy('xigong', { 'district.json': (d) => void d.roles[0].permissions.push('ghost') });
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'core/cli/main.ts', 'config', 'check', dir, '--lang', 'en'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/district\.json → \/roles\/0\/permissions\/3 → unknown permission "ghost"/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const good = spawnSync(process.execPath, ['--import', 'tsx', 'core/cli/main.ts', 'config', 'check', 'configs/huiji'], { encoding: 'utf8' });
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(/配置 configs\/huiji 有效/);
  }, 180_000);
});

describe('workflow layout (the studio editor\'s node positions)', () => {
  const withLayout = (layout: unknown) => {
    const files = structuredClone(readDistrictFiles('configs/xigong'));
    (files['workflows/case-workflow.json'] as { layout?: unknown }).layout = layout;
    return checkDistrictFiles(files, { dir: 'configs/xigong', expectedId: 'xigong', lang: 'en' });
  };

  it('is allowed, for some states or all, and travels with the workflow', () => {
    const { bundle, issues } = withLayout({ positions: { reported: { x: 10, y: 20 }, closed: { x: -40.5, y: 900 } } });
    expect(issues).toEqual([]);
    expect(bundle!.workflows.find((w) => w.name === 'caseWorkflow')!.layout).toEqual({ positions: { reported: { x: 10, y: 20 }, closed: { x: -40.5, y: 900 } } });
    expect(withLayout({}).issues).toEqual([]);
  });

  it('refuses a position for a state the workflow does not have, naming its pointer', () => {
    const { bundle, issues } = withLayout({ positions: { reported: { x: 0, y: 0 }, ghost: { x: 1, y: 2 } } });
    expect(bundle).toBeUndefined();
    expect(issues).toEqual([{ file: 'workflows/case-workflow.json', path: '/layout/positions/ghost', message: 'unknown state "ghost"', code: 'unknownRef' }]);
  });

  it('refuses malformed positions and keys by the schema', () => {
    const { bundle, issues } = withLayout({ positions: { reported: { x: 1, y: '2' }, closed: { x: 1 }, 'Not A Key': { x: 0, y: 0 } }, zoom: 2 });
    expect(bundle).toBeUndefined();
    // (The rest of the district then misses the workflow: its transitions are reported unknown.)
    const at = issues.filter((i) => i.file === 'workflows/case-workflow.json').map((i) => `${i.path} ${i.code}`);
    expect(at.sort()).toEqual(
      ['/layout/positions/reported/y type', '/layout/positions/closed/y required', '/layout/positions/Not A Key pattern', '/layout/positions/Not A Key propertyNames', '/layout/zoom additionalProperties'].sort(),
    );
  });
});

describe('generated types', () => {
  it('match the schemas (run `npm run gen:types` after editing a schema)', async () => {
    expect(readFileSync(GENERATED_TYPES_FILE, 'utf8')).toBe(await generateTypes());
  });

  it('of plugin settings match their settings.schema.json', async () => {
    const files = await generatePluginSettingsTypes();
    expect(Object.keys(files).length).toBeGreaterThan(0);
    for (const [file, text] of Object.entries(files)) expect(readFileSync(file, 'utf8'), file).toBe(text);
  });
});

describe('config held in memory (a stored version, a draft, an import)', () => {
  it('checks a file map exactly as its folder', () => {
    const files = readDistrictFiles('configs/huiji');
    expect(Object.keys(files).sort()).toEqual(expect.arrayContaining(['district.json', 'org/units.json']));
    const fromMap = checkDistrictFiles(files, { dir: 'configs/huiji', expectedId: 'huiji', lang: 'en' });
    const fromFolder = checkDistrict('configs/huiji', 'en');
    expect(fromMap.issues).toEqual([]);
    expect(fromMap.bundle).toEqual(fromFolder.bundle);
  });

  it('names files by their path in the district for a map: missing files, schema errors, broken references', () => {
    const files = structuredClone(readDistrictFiles('configs/xigong'));
    delete files['entities/visit-log.json'];
    (files['workflows/case-workflow.json'] as { entity: string }).entity = 'ufo';
    (files['district.json'] as { id: string }).id = 'elsewhere';
    const { bundle, issues } = checkDistrictFiles(files, { dir: 'configs/xigong', expectedId: 'xigong', lang: 'en' });
    expect(bundle).toBeUndefined();
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'entities/visit-log.json', path: '/', code: 'fileMissing' }),
        expect.objectContaining({ file: 'workflows/case-workflow.json', path: '/entity', code: 'unknownRef' }),
        expect.objectContaining({ file: 'district.json', path: '/id', code: 'folderMismatch' }),
      ]),
    );
  });
});
