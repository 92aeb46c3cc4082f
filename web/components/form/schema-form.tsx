'use client';

import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useForm, useFormState, type FieldErrors, type Resolver } from 'react-hook-form';
import { clearDraft, readDraft, writeDraft } from './drafts';
import { fieldId } from './field';
import { buildFormModel, type FormModel } from './form-model';
import { FormRuntimeContext, useFormRuntime, type FormRuntime } from './form-runtime';
import { Blocks } from './form-sections';
import { FIRST_CHUNK, useProgressiveCount, whenIdle } from './progressive';
import type { FormGroup } from './form-model';
import { FORM_CSS } from './form-styles';
import { formText } from './form-text';
import { pointerToField, submission } from './form-values';
import { loadValidator } from './lazy-validator';
import { preloadWidgets } from './lazy-widget';
import type { FieldIssue, SchemaFormProps, UiSchema } from './types';

type Values = Record<string, unknown>;

const StepNav = lazy(() => import('./step-nav'));

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split('.');
  let node = target;
  parts.slice(0, -1).forEach((p) => {
    node[p] ??= {};
    node = node[p] as Record<string, unknown>;
  });
  node[parts[parts.length - 1]] ??= value;
}

/** Issues → react-hook-form errors, each on the field that shows it (the first issue per field wins). */
function issuesToErrors(model: FormModel, issues: FieldIssue[], type: string): FieldErrors<Values> {
  const errors: Record<string, unknown> = {};
  for (const issue of issues) {
    const name = pointerToField(model, issue.path) ?? 'root.form';
    setPath(errors, name, { type, message: issue.message });
  }
  return errors as FieldErrors<Values>;
}

function issuesOf(e: unknown): FieldIssue[] | undefined {
  const err = e as { issues?: FieldIssue[]; data?: { issues?: FieldIssue[] }; shape?: { data?: { issues?: FieldIssue[] } } };
  return err?.issues ?? err?.data?.issues ?? err?.shape?.data?.issues;
}

/**
 * A form generated from a JSON Schema and its UI schema, validated by the server's ajv setup.
 * Fields subscribe to their own state only; sections watch their condition fields only.
 */
export function SchemaForm(props: SchemaFormProps) {
  const { schema, onSubmit, serverErrors, draftKey, readOnly = false, context, onFieldRender } = props;
  const lang = props.lang ?? 'zh-CN';
  const uiSchema = props.uiSchema as UiSchema | undefined;
  const formId = `gw${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const model = useMemo(() => buildFormModel(schema, uiSchema, lang), [schema, uiSchema, lang]);
  const [draft] = useState(() => readDraft(draftKey));
  const [draftShown, setDraftShown] = useState(Boolean(draft));
  const modelRef = useRef(model);
  modelRef.current = model;

  const resolver = useMemo<Resolver<Values>>(
    () => async (values) => {
      const { validateData } = await loadValidator();
      const data = submission(modelRef.current, values);
      const issues = validateData(modelRef.current.schema, data, lang);
      if (!issues.length) return { values: data, errors: {} };
      return { values: {}, errors: issuesToErrors(modelRef.current, issues, 'schema') };
    },
    [lang],
  );
  const methods = useForm<Values>({
    defaultValues: { ...model.defaults, ...props.value, ...draft },
    resolver,
    mode: 'onTouched',
    reValidateMode: 'onChange',
    shouldFocusError: false,
  });
  const { control, handleSubmit, setError, clearErrors, setValue, reset, trigger } = methods;
  const pendingUploads = useRef(new Map<string, number>()).current;
  const runtime = useMemo<FormRuntime>(
    () => ({ model, control, setValue, lang, context: context ?? {}, readOnly, formId, onFieldRender, pendingUploads }),
    [model, control, setValue, lang, context, readOnly, formId, onFieldRender, pendingUploads],
  );

  useEffect(() => {
    if (!serverErrors?.length) return;
    for (const issue of serverErrors) setError(pointerToField(model, issue.path) ?? 'root.form', { type: 'server', message: issue.message });
  }, [serverErrors, model, setError]);

  useEffect(() => {
    if (!draftKey || readOnly) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sub = methods.watch((values) => {
      clearTimeout(timer);
      timer = setTimeout(() => writeDraft(draftKey, values as Values), 250);
    });
    return () => {
      clearTimeout(timer);
      sub.unsubscribe();
    };
  }, [draftKey, readOnly, methods]);

  const [step, setStep] = useState(0);
  // Busy while the lower part of a long form is still being mounted.
  const [mounted, setMounted] = useState(() => (model.steps ? [model.groups[0]] : model.groups).reduce((n, g) => n + g.blocks.length, 0) <= FIRST_CHUNK);
  const stepGroups = model.steps ? model.groups : [];
  const focusField = (name: string) => {
    const el =
      document.getElementById(fieldId(formId, name)) ??
      document.querySelector<HTMLElement>(`#${formId} [data-field="${name}"] input, #${formId} [data-field="${name}"] button`);
    el?.focus();
  };
  const firstErrorName = (errors: FieldErrors<Values>): string | undefined => {
    for (const key of Object.keys(errors)) {
      if (key === 'root') continue;
      const e = errors[key] as Record<string, unknown> | undefined;
      if (e && !('message' in e)) {
        for (const [i, item] of Object.entries(e)) {
          if (i === 'root') return key;
          const sub = item && Object.keys(item as object)[0];
          if (sub) return `${key}.${i}.${sub}`;
        }
      }
      return key;
    }
    return undefined;
  };

  const validateAndSend = handleSubmit(
    async (data) => {
      try {
        await onSubmit(data);
        clearDraft(draftKey);
        setDraftShown(false);
      } catch (e) {
        const issues = issuesOf(e);
        if (issues?.length) {
          for (const issue of issues) setError(pointerToField(model, issue.path) ?? 'root.form', { type: 'server', message: issue.message });
        } else {
          setError('root.form', { type: 'server', message: e instanceof Error ? e.message : formText(lang, 'form.submitFailed') });
        }
      }
    },
    (errors) => {
      const name = firstErrorName(errors);
      if (!name) return;
      if (model.steps) {
        const at = stepGroups.findIndex((g) => g.fields.includes(name.split('.')[0]));
        if (at >= 0 && at !== step) setStep(at);
        setTimeout(() => focusField(name), 0);
      } else focusField(name);
    },
  );

  // Photos still uploading: say so on the field rather than "required" for ids not there yet.
  const submit = (e: FormEvent<HTMLFormElement>) => {
    const uploading = [...pendingUploads].find(([, count]) => count > 0)?.[0];
    if (!uploading) return validateAndSend(e);
    e.preventDefault();
    setError(uploading, { type: 'pending', message: formText(lang, 'form.photo.pending') });
    focusField(uploading);
  };

  const next = async () => {
    const names = stepGroups[step].fields;
    if (await trigger(names)) setStep(step + 1);
  };

  const visibleGroups = model.steps ? [stepGroups[step]] : model.groups;
  return (
    <>
      <style href="gridwork-form" precedence="default">
        {FORM_CSS}
      </style>
      <FormRuntimeContext.Provider value={runtime}>
        <form id={formId} className="gw-form" noValidate onSubmit={submit} aria-readonly={readOnly || undefined} aria-busy={!mounted || undefined}>
          {draftShown && (
            <div className="gw-alert gw-alert-info" role="status">
              <span>{formText(lang, 'form.draftRestored')}</span>
              <button
                type="button"
                className="gw-btn gw-btn-sm"
                onClick={() => {
                  clearDraft(draftKey);
                  reset({ ...model.defaults, ...props.value });
                  setDraftShown(false);
                }}
              >
                {formText(lang, 'form.draftDiscard')}
              </button>
            </div>
          )}
          {model.steps && (
            <Suspense fallback={null}>
              <StepNav groups={stepGroups} current={step} lang={lang} />
            </Suspense>
          )}
          <Groups groups={visibleGroups} formId={formId} onMounted={setMounted} />
          <FormErrors />
          {!readOnly && (
            <div className="gw-actions">
              {model.steps && step > 0 && (
                <button type="button" className="gw-btn gw-btn-lg" onClick={() => setStep(step - 1)}>
                  {formText(lang, 'form.previous')}
                </button>
              )}
              {model.steps && step < stepGroups.length - 1 ? (
                <button type="button" className="gw-btn gw-btn-primary gw-btn-lg" onClick={next}>
                  {formText(lang, 'form.next')}
                </button>
              ) : (
                <SubmitButton label={props.submitLabel ?? formText(lang, 'form.submit')} />
              )}
            </div>
          )}
        </form>
      </FormRuntimeContext.Provider>
    </>
  );
}

/** The groups' blocks, mounted progressively (see useProgressiveCount). */
function Groups({ groups, formId, onMounted }: { groups: FormGroup[]; formId: string; onMounted: (mounted: boolean) => void }) {
  const total = groups.reduce((n, g) => n + g.blocks.length, 0);
  const count = useProgressiveCount(total);
  const mounted = count >= total;
  useEffect(() => onMounted(mounted), [mounted, onMounted]);
  // Once every block is mounted and the browser idle, fetch the code of the other widgets and of validation.
  useEffect(
    () =>
      mounted
        ? whenIdle(() => {
            void preloadWidgets();
            void loadValidator();
          })
        : undefined,
    [mounted],
  );
  let left = count;
  return (
    <>
      {groups.map((g) => {
        if (left <= 0) return null;
        const blocks = left >= g.blocks.length ? g.blocks : g.blocks.slice(0, left);
        left -= blocks.length;
        return g.key ? (
          <section key={g.key} aria-labelledby={`${formId}-g-${g.key}`}>
            <h3 id={`${formId}-g-${g.key}`} className="gw-fieldset-title">
              {g.label}
            </h3>
            <Blocks blocks={blocks} />
          </section>
        ) : (
          <Blocks key="" blocks={blocks} />
        );
      })}
    </>
  );
}

/** Form-level messages: issues no field shows, and how many fields need fixing after a submit. */
function FormErrors() {
  const { control, lang } = useFormRuntime();
  const { errors, isSubmitted } = useFormState({ control });
  const root = (errors.root as Record<string, { message?: string }> | undefined)?.form?.message;
  const count = Object.keys(errors).filter((k) => k !== 'root').length;
  if (!root && !(isSubmitted && count)) return null;
  return (
    <div className="gw-alert gw-alert-error" role="alert">
      {root ?? formText(lang, 'form.errorSummary', { count })}
    </div>
  );
}

function SubmitButton({ label }: { label: string }) {
  const { control } = useFormRuntime();
  const { isSubmitting } = useFormState({ control });
  return (
    <button type="submit" className="gw-btn gw-btn-primary gw-btn-lg" disabled={isSubmitting} aria-busy={isSubmitting || undefined}>
      {label}
    </button>
  );
}
