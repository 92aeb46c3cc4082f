import type { EntityRecord } from '../../core/entities';
import { suggestMinConfidence } from '../../core/classifier';
import { localized } from '../i18n';
import { caseLabels } from './case-labels';
import { attempt } from './load-record';
import type { PageContext } from './page-context';
import type { CategorySuggestionProps } from '../components/category-suggestion';

/**
 * The classifier's top category for an open case, for a dispatcher: nothing when it agrees with
 * the case, is less sure than the district's threshold, or no model has been trained yet.
 */
export async function loadSuggestion(pc: Pick<PageContext, 'api' | 'runtime' | 'lang' | 'ability'>, entity: string, record: EntityRecord): Promise<CategorySuggestionProps | null> {
  const { api, runtime, lang, ability } = pc;
  const compiled = runtime.registry.get(entity);
  if (!compiled.byField.has('category') || !ability.can('dispatch', compiled.subject)) return null;
  if (caseLabels(runtime, entity, lang).isFinal(record.status)) return null;
  const text = [record.data.title, record.data.description].filter((v) => typeof v === 'string' && v.trim()).join(' ');
  if (text.length < 2) return null;
  // No model yet (404) or not allowed (403): no suggestion; anything else is a real failure.
  const result = await attempt(api.case.suggestCategory({ entity, text }));
  const top = result.ok ? result.value.suggestions[0] : undefined;
  if (!top || top.category === record.data.category || top.confidence < suggestMinConfidence(runtime.bundle.district)) return null;
  const labels = caseLabels(runtime, entity, lang);
  return {
    lang,
    entity,
    id: record.id,
    version: record.version,
    category: top.category,
    categoryLabel: localized(top.label, lang),
    confidence: top.confidence,
    departmentLabels: top.departments.map((d) => labels.unit(d)),
  };
}
