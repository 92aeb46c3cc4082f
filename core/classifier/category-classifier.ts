import type { Kysely } from 'kysely';
import type { DistrictBundle } from '../config';
import { newRecordId, systemContext, type EntityService, type ServiceContext } from '../entities';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { DepartmentRules } from '../geo';
import { t, type Lang } from '../i18n';
import { evaluate, heldOut, predict, trainNaiveBayes, type Evaluation, type NaiveBayesModel } from './naive-bayes';

/** Fewer closed cases than this make a model that guesses: training refuses. */
export const MIN_TRAINING_CASES = 20;

export interface Suggestion {
  category: string;
  label: { 'zh-CN': string; en?: string };
  confidence: number;
  departments: string[];
}

export interface TrainingReport extends Evaluation {
  trained: number;
  categories: number;
  modelId: string;
}

export interface LabelledText {
  key: string;
  text: string;
  label: string;
}

/**
 * Category suggestion from a report's text, learnt from the district's own closed cases and
 * kept in the database (the newest model wins, so every instance uses the same one).
 */
export class CategoryClassifier {
  private cached: { id: string; model: NaiveBayesModel } | undefined;
  private readonly departments: DepartmentRules;

  constructor(
    private readonly deps: { db: Kysely<any>; bundle: DistrictBundle; entities: EntityService; now: () => Date },
  ) {
    this.departments = new DepartmentRules(deps.bundle.district.categories);
  }

  /** Closed cases of the entity (title + description → category). */
  async closedCases(entityName: string): Promise<LabelledText[]> {
    const entity = this.deps.entities.registry.get(entityName);
    const closing = (entity.workflow?.states ?? []).filter((s) => s.final && s.key !== 'merged' && s.key !== 'rejected').map((s) => s.key);
    if (!closing.length) return [];
    const rows = await this.deps.entities
      .scopedQuery(systemContext(), entity)
      .select(['id', 'title', 'description', 'category'])
      .where('status', 'in', closing)
      .where('category', 'is not', null)
      .execute();
    return rows.map((r) => ({ key: r.id, text: `${r.title ?? ''} ${r.description ?? ''}`, label: r.category }));
  }

  /**
   * Trains on 80 % of the samples, reports accuracy on the held-out 20 % (a stable split by id),
   * then keeps a model trained on all of them.
   */
  async train(entityName: string, samples: LabelledText[], lang: Lang = 'zh-CN'): Promise<TrainingReport> {
    if (samples.length < MIN_TRAINING_CASES) {
      const message = t(lang, 'classifier.tooFew', { count: samples.length, min: MIN_TRAINING_CASES });
      throw new ValidationError(message, [{ path: '/cases', message, code: 'tooFew' }]);
    }
    const test = samples.filter((s) => heldOut(s.key));
    const train = samples.filter((s) => !heldOut(s.key));
    const evaluation = evaluate(trainNaiveBayes(train), test);
    const model = trainNaiveBayes(samples);
    const id = newRecordId(this.deps.now().getTime());
    await this.deps.db
      .insertInto('classifier_model')
      .values({ id, entity: entityName, trained_at: this.deps.now().toISOString(), samples: samples.length, accuracy: evaluation.accuracy, model: JSON.stringify(model) })
      .execute();
    this.cached = { id, model };
    return { ...evaluation, trained: train.length, categories: model.labels.length, modelId: id };
  }

  /** Top suggestions with confidence; needs permission to create the entity's records. */
  async suggest(ctx: ServiceContext, entityName: string, text: string, top = 3): Promise<{ suggestions: Suggestion[]; modelId: string; trainedAt: string }> {
    const entity = this.deps.entities.registry.get(entityName, ctx.lang);
    if (ctx.ability && !ctx.ability.can('create', entity.subject)) throw new ForbiddenError(t(ctx.lang, 'forbidden.action', { action: 'create', entity: entity.name }));
    const latest = await this.deps.db
      .selectFrom('classifier_model')
      .select(['id', 'trained_at'])
      .where('entity', '=', entity.name)
      .orderBy('trained_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!latest) throw new NotFoundError(t(ctx.lang, 'classifier.noModel'));
    // Another instance (or the CLI) may have trained a newer model: reload only then.
    let cached = this.cached;
    if (!cached || cached.id !== latest.id) {
      const row = await this.deps.db.selectFrom('classifier_model').select('model').where('id', '=', latest.id).executeTakeFirstOrThrow();
      this.cached = cached = { id: latest.id, model: JSON.parse(row.model) as NaiveBayesModel };
    }
    const byCode = new Map(this.deps.bundle.district.categories.map((c) => [c.code, c]));
    const suggestions = predict(cached.model, text, top)
      .filter((p) => byCode.has(p.label))
      .map((p) => ({ category: p.label, label: byCode.get(p.label)!.label, confidence: Math.round(p.confidence * 1000) / 1000, departments: this.departments.departmentsFor(p.label) }));
    return { suggestions, modelId: latest.id, trainedAt: latest.trained_at };
  }
}
