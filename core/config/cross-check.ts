import type { ErrorIssue } from '../errors';
import { t, type Lang } from '../i18n';
import type { MessageKey } from '../i18n';
import { createAjv } from './ajv';
import { CORE_SUBJECTS, entitySubject, RESERVED_FIELDS } from './core-subjects';
import type { OrgUnitSpec } from './district-bundle';
import { positionInRange } from './geometry-check';
import { escapePointerSegment } from './json-pointer';
import { checkChannels } from './channel-check';
import { guard } from '@ucast/mongo2js';
import type { Action as WorkflowAction, DistrictConfig, EntityDefinition, WorkflowDefinition } from './types.generated';

interface CrossCheckInput {
  lang: Lang;
  district: DistrictConfig;
  districtFile: string;
  units: OrgUnitSpec[];
  unitSource: Map<string, { file: string; pointer: string }>;
  entities: { doc: EntityDefinition; file: string }[];
  workflows: { doc: WorkflowDefinition; file: string }[];
}

const HIERARCHY_KINDS = new Set(['area', 'grid', 'microGrid', 'dedicatedGrid', 'building']);

/** References between config parts that JSON Schema cannot express. */
export function crossCheck(input: CrossCheckInput): ErrorIssue[] {
  const { lang, district, districtFile, units, unitSource, entities, workflows } = input;
  const issues: ErrorIssue[] = [];
  const add = (file: string, path: string, key: MessageKey, params: Record<string, string | number> = {}) =>
    issues.push({ file, path, message: t(lang, key, params), code: key.split('.')[1] });
  const what = (zh: string, en: string) => (lang === 'zh-CN' ? zh : en);
  const uniq = (keys: string[], base: string, noun: string) => {
    const seen = new Set<string>();
    keys.forEach((k, i) => {
      if (seen.has(k)) add(districtFile, `${base}/${i}`, 'config.duplicate', { what: noun, key: k });
      seen.add(k);
    });
    return seen;
  };

  if (!positionInRange(district.center)) add(districtFile, '/center', 'config.coordinateRange');

  // Levels, roles, permissions, categories, channels, SLA profiles.
  const levelIndex = new Map(district.orgLevels.map((l, i) => [l.key, i]));
  uniq(district.orgLevels.map((l) => l.key), '/orgLevels', what('层级', 'level'));
  district.orgLevels.forEach((l, i) => {
    if (l.escalatesTo && !levelIndex.has(l.escalatesTo))
      add(districtFile, `/orgLevels/${i}/escalatesTo`, 'config.unknownRef', { what: what('层级', 'level'), key: l.escalatesTo });
  });
  const roleKeys = uniq(district.roles.map((r) => r.key), '/roles', what('角色', 'role'));
  const slaKeys = uniq(district.slaProfiles.map((p) => p.key), '/slaProfiles', what('时限方案', 'SLA profile'));
  district.slaProfiles.forEach((p, i) => uniq(p.clocks.map((c) => c.key), `/slaProfiles/${i}/clocks`, what('时钟', 'clock')));
  uniq(district.channels.map((c) => c.key), '/channels', what('渠道', 'channel'));
  district.channels.forEach((c, i) => {
    if (c.slaProfile && !slaKeys.has(c.slaProfile))
      add(districtFile, `/channels/${i}/slaProfile`, 'config.unknownRef', { what: what('时限方案', 'SLA profile'), key: c.slaProfile });
  });

  issues.push(
    ...checkChannels(district.channels, { lang, district, entities: entities.map((e) => e.doc), workflows: workflows.map((w) => w.doc) }).map((i) => ({ ...i, file: districtFile })),
  );

  const entitySubjects = new Map(entities.map((e) => [entitySubject(e.doc), e.doc]));
  const subjects = new Set<string>([...CORE_SUBJECTS, ...entitySubjects.keys()]);
  const transitionKeys = new Set(workflows.flatMap((w) => w.doc.transitions.map((tr) => tr.key)));
  for (const [key, rule] of Object.entries(district.permissions)) {
    const base = `/permissions/${key}`;
    if (!subjects.has(rule.subject)) add(districtFile, `${base}/subject`, 'config.unknownRef', { what: what('权限主体', 'subject'), key: rule.subject });
    rule.actions.forEach((action, i) => {
      const name = action.startsWith('transition:') ? action.slice('transition:'.length) : undefined;
      if (name && name !== '*' && !transitionKeys.has(name))
        add(districtFile, `${base}/actions/${i}`, 'config.unknownRef', { what: what('流转', 'transition'), key: name });
    });
    const entity = entitySubjects.get(rule.subject);
    rule.fields?.forEach((field, i) => {
      if (entity && !(field in entity.schema.properties))
        add(districtFile, `${base}/fields/${i}`, 'config.unknownField', { entity: entity.name, key: field });
    });
  }
  district.roles.forEach((role, i) => {
    role.permissions.forEach((p, j) => {
      if (!(p in district.permissions)) add(districtFile, `/roles/${i}/permissions/${j}`, 'config.unknownRef', { what: what('权限', 'permission'), key: p });
    });
    role.levels?.forEach((l, j) => {
      if (!levelIndex.has(l)) add(districtFile, `/roles/${i}/levels/${j}`, 'config.unknownRef', { what: what('层级', 'level'), key: l });
    });
  });

  // Org tree: unique ids, known levels, one root, parents exist, no cycles, levels go down.
  const byId = new Map<string, OrgUnitSpec>();
  const where = (id: string) => unitSource.get(id) ?? { file: districtFile, pointer: '/org' };
  for (const unit of units) {
    if (byId.has(unit.id)) {
      const src = where(unit.id);
      add(src.file, `${src.pointer}/id`, 'config.duplicate', { what: what('组织单元', 'org unit'), key: unit.id });
    }
    byId.set(unit.id, unit);
  }
  const roots: string[] = [];
  for (const unit of byId.values()) {
    const src = where(unit.id);
    if (!levelIndex.has(unit.level)) add(src.file, `${src.pointer}/level`, 'config.unknownRef', { what: what('层级', 'level'), key: unit.level });
    if (!unit.parent) {
      roots.push(unit.id);
      continue;
    }
    const parent = byId.get(unit.parent);
    if (!parent) {
      add(src.file, `${src.pointer}/parent`, 'config.unknownRef', { what: what('上级组织单元', 'parent unit'), key: unit.parent });
      continue;
    }
    if (HIERARCHY_KINDS.has(unit.kind) && HIERARCHY_KINDS.has(parent.kind)) {
      const own = levelIndex.get(unit.level);
      const above = levelIndex.get(parent.level);
      if (own !== undefined && above !== undefined && own < above)
        add(src.file, `${src.pointer}/level`, 'config.levelOrder', { level: unit.level, parentLevel: parent.level });
    }
  }
  if (roots.length !== 1 && byId.size > 0) {
    add(where(roots[0] ?? '').file, '/', 'config.rootCount', { count: roots.length, keys: roots.slice(0, 5).join(', ') });
  }
  const acyclic = new Set<string>();
  for (const unit of byId.values()) {
    const chain = new Set<string>();
    let cur: OrgUnitSpec | undefined = unit;
    while (cur && !acyclic.has(cur.id)) {
      if (chain.has(cur.id)) {
        const src = where(unit.id);
        add(src.file, `${src.pointer}/parent`, 'config.unitCycle', { key: unit.id });
        break;
      }
      chain.add(cur.id);
      cur = cur.parent ? byId.get(cur.parent) : undefined;
    }
    if (!cur || acyclic.has(cur.id)) for (const id of chain) acyclic.add(id);
  }

  // Categories reference departments and profiles.
  const categoryCodes = uniq(district.categories.map((c) => c.code), '/categories', what('事件类别', 'category'));
  district.categories.forEach((c, i) => {
    if (c.parent && !categoryCodes.has(c.parent))
      add(districtFile, `/categories/${i}/parent`, 'config.unknownRef', { what: what('事件类别', 'category'), key: c.parent });
    if (c.slaProfile && !slaKeys.has(c.slaProfile))
      add(districtFile, `/categories/${i}/slaProfile`, 'config.unknownRef', { what: what('时限方案', 'SLA profile'), key: c.slaProfile });
    c.defaultDepartments?.forEach((d, j) => {
      const unit = byId.get(d);
      if (!unit) add(districtFile, `/categories/${i}/defaultDepartments/${j}`, 'config.unknownRef', { what: what('职能部门', 'department'), key: d });
      else if (unit.kind !== 'department') add(districtFile, `/categories/${i}/defaultDepartments/${j}`, 'config.notDepartment', { key: d });
    });
  });

  // Geo routing and risk signals name units and channels.
  const unitRef = (pointer: string, id: string) => {
    if (!byId.has(id)) add(districtFile, pointer, 'config.unknownRef', { what: what('组织单元', 'org unit'), key: id });
  };
  if (district.routing?.manualUnit) unitRef('/routing/manualUnit', district.routing.manualUnit);
  district.routing?.addressAliases?.forEach((a, i) => unitRef(`/routing/addressAliases/${i}/unit`, a.unit));
  const channelKeys = new Set(district.channels.map((c) => c.key));
  district.riskSignals?.channels.forEach((c, i) => {
    if (!channelKeys.has(c)) add(districtFile, `/riskSignals/channels/${i}`, 'config.unknownRef', { what: what('渠道', 'channel'), key: c });
  });

  // Entities: names, fields, record schema compiles, indexes and UI name real fields.
  const recordAjv = createAjv();
  const entityNames = new Set<string>();
  const workflowNames = new Set(workflows.map((w) => w.doc.name));
  for (const { doc, file } of entities) {
    if (entityNames.has(doc.name)) add(file, '/name', 'config.duplicate', { what: what('实体', 'entity'), key: doc.name });
    entityNames.add(doc.name);
    const fields = doc.schema.properties;
    for (const [name, field] of Object.entries(fields)) {
      if ((RESERVED_FIELDS as readonly string[]).includes(name)) add(file, `/schema/properties/${name}`, 'config.reservedField', { key: name });
      const from = field['x-renamedFrom'];
      if (from && from in fields) add(file, `/schema/properties/${name}/x-renamedFrom`, 'config.renameCollision', { key: name, from });
    }
    try {
      recordAjv.compile(doc.schema);
    } catch (e) {
      add(file, '/schema', 'config.schemaInvalid', { detail: (e as Error).message });
    }
    doc.schema.required?.forEach((f, i) => {
      if (!(f in fields)) add(file, `/schema/required/${i}`, 'config.unknownField', { entity: doc.name, key: f });
    });
    doc.indexes?.forEach((ix, i) =>
      ix.fields.forEach((f, j) => {
        if (!(f in fields)) add(file, `/indexes/${i}/fields/${j}`, 'config.unknownField', { entity: doc.name, key: f });
      }),
    );
    const ui = doc.ui;
    ui?.order?.forEach((f, i) => {
      if (!(f in fields)) add(file, `/ui/order/${i}`, 'config.unknownField', { entity: doc.name, key: f });
    });
    ui?.listColumns?.forEach((f, i) => {
      if (!(f in fields)) add(file, `/ui/listColumns/${i}`, 'config.unknownField', { entity: doc.name, key: f });
    });
    ui?.groups?.forEach((g, i) =>
      g.fields.forEach((f, j) => {
        if (!(f in fields)) add(file, `/ui/groups/${i}/fields/${j}`, 'config.unknownField', { entity: doc.name, key: f });
      }),
    );
    for (const f of Object.keys(ui?.fields ?? {})) {
      if (!(f in fields)) add(file, `/ui/fields/${f}`, 'config.unknownField', { entity: doc.name, key: f });
    }
    if (doc.workflow && !workflowNames.has(doc.workflow))
      add(file, '/workflow', 'config.unknownRef', { what: what('流程', 'workflow'), key: doc.workflow });
  }

  // Workflows: known entity, states, roles; every state reachable; no dead ends.
  for (const { doc, file } of workflows) {
    if (!entityNames.has(doc.entity)) add(file, '/entity', 'config.unknownRef', { what: what('实体', 'entity'), key: doc.entity });
    const states = new Map(doc.states.map((s) => [s.key, s]));
    if (!states.has(doc.initial)) add(file, '/initial', 'config.unknownRef', { what: what('状态', 'state'), key: doc.initial });
    const seenTransitions = new Set<string>();
    doc.transitions.forEach((tr, i) => {
      if (seenTransitions.has(tr.key)) add(file, `/transitions/${i}/key`, 'config.duplicate', { what: what('流转', 'transition'), key: tr.key });
      seenTransitions.add(tr.key);
      tr.from.forEach((s, j) => {
        if (!states.has(s)) add(file, `/transitions/${i}/from/${j}`, 'config.unknownRef', { what: what('状态', 'state'), key: s });
      });
      if (!states.has(tr.to)) add(file, `/transitions/${i}/to`, 'config.unknownRef', { what: what('状态', 'state'), key: tr.to });
      tr.roles.forEach((r, j) => {
        if (!roleKeys.has(r)) add(file, `/transitions/${i}/roles/${j}`, 'config.unknownRef', { what: what('角色', 'role'), key: r });
      });
    });
    // Actions and supervision name clocks, roles, levels and transitions that must exist.
    const clockKeys = new Set(district.slaProfiles.flatMap((p) => p.clocks.map((c) => c.key)));
    const transitionKeys = new Set(doc.transitions.map((tr) => tr.key));
    const checkActions = (actions: WorkflowAction[] | undefined, base: string) =>
      actions?.forEach((a, i) => {
        const at = `${base}/${i}`;
        if (a.clock && a.clock !== '*' && !clockKeys.has(a.clock)) add(file, `${at}/clock`, 'config.unknownRef', { what: what('时钟', 'clock'), key: a.clock });
        if (a.level && !levelIndex.has(a.level)) add(file, `${at}/level`, 'config.unknownRef', { what: what('层级', 'level'), key: a.level });
        if (a.onComplete && !transitionKeys.has(a.onComplete)) add(file, `${at}/onComplete`, 'config.unknownRef', { what: what('流转', 'transition'), key: a.onComplete });
        a.roles?.forEach((r, j) => {
          if (!roleKeys.has(r)) add(file, `${at}/roles/${j}`, 'config.unknownRef', { what: what('角色', 'role'), key: r });
        });
        if ((a.do === 'startClock' || a.do === 'stopClock') && !a.clock) add(file, `${at}/clock`, 'config.unknownRef', { what: what('时钟', 'clock'), key: '' });
      });
    doc.states.forEach((st, i) => checkActions(st.onEnter, `/states/${i}/onEnter`));
    doc.transitions.forEach((tr, i) => {
      checkActions(tr.actions, `/transitions/${i}/actions`);
      if (tr.form) {
        try {
          recordAjv.compile(tr.form.schema);
        } catch (e) {
          add(file, `/transitions/${i}/form/schema`, 'config.schemaInvalid', { detail: (e as Error).message });
        }
      }
      if (tr.guard) {
        try {
          guard(tr.guard as never);
        } catch (e) {
          add(file, `/transitions/${i}/guard`, 'config.schemaInvalid', { detail: (e as Error).message });
        }
      }
    });
    if (doc.slaProfile && !slaKeys.has(doc.slaProfile)) add(file, '/slaProfile', 'config.unknownRef', { what: what('时限方案', 'SLA profile'), key: doc.slaProfile });
    doc.supervision?.notifyRoles?.forEach((r, j) => {
      if (!roleKeys.has(r)) add(file, `/supervision/notifyRoles/${j}`, 'config.unknownRef', { what: what('角色', 'role'), key: r });
    });
    const reopen = doc.satisfaction?.reopenTransition;
    if (reopen && !transitionKeys.has(reopen)) add(file, '/satisfaction/reopenTransition', 'config.unknownRef', { what: what('流转', 'transition'), key: reopen });
    // The editor's layout is only drawing, but a position for a state that is gone is a leftover
    // (a state renamed or removed by hand) the admin should see rather than carry forever.
    for (const key of Object.keys(doc.layout?.positions ?? {})) {
      if (!states.has(key)) add(file, `/layout/positions/${escapePointerSegment(key)}`, 'config.unknownRef', { what: what('状态', 'state'), key });
    }

    const reachable = new Set([doc.initial]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const tr of doc.transitions) {
        if (!reachable.has(tr.to) && tr.from.some((s) => reachable.has(s))) {
          reachable.add(tr.to);
          grew = true;
        }
      }
    }
    doc.states.forEach((s, i) => {
      if (!reachable.has(s.key)) add(file, `/states/${i}`, 'config.unreachableState', { key: s.key });
      else if (!s.final && !doc.transitions.some((tr) => tr.from.includes(s.key))) add(file, `/states/${i}`, 'config.deadEnd', { key: s.key });
    });
  }
  return issues;
}

