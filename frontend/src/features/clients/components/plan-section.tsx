import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { Button, ButtonVariant, TextInput, TextArea } from "hds-react";
import { useMemo, useState } from "react";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { StatusMessage } from "../../../components/status-message";
import { type VersionConflict, VersionConflictAlert, versionConflictOf } from "../../../components/version-conflict";
import { formatDate, formatDateTime, todayInHelsinki } from "../../../lib/format";
import { savedBy } from "../../../lib/people";
import { ApiError } from "../../../lib/problem";
import { usePlan } from "../api/get-plan";
import { usePlanVersions } from "../api/get-plan-versions";
import { PlanStatus } from "./plan-status";
import { useSavePlan } from "../api/save-plan";
import { PLAN_TYPES, type PlanRead } from "../api/types";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { ErrorSummary, type FormErrors, useFormErrors } from "../../../components/form";
import { useFormOnRequest } from "../../../components/form-on-request";
import {
  formToPlan,
  isReduced,
  PLAN_FIELDS,
  type PlanFormValues,
  placeReductionError,
  planSchema,
  planToForm,
} from "./plan-form";
import { clientKeys } from "../api/query-keys";
import { DateInput } from "../../../components/date-input";

function inThreeMonths(): string {
  const date = new Date(`${todayInHelsinki()}T12:00:00`);
  date.setMonth(date.getMonth() + 3);
  return date.toISOString().slice(0, 10);
}

/** A plan version read-only: what the current plan shows and what the version history opens. */
export function PlanView({ plan, headingLevel }: { plan: PlanRead; headingLevel: 3 | 4 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <div className="plan-view">
      <dl className="summary-list">
        <dt>{t("plan.type")}</dt>
        <dd>{t(`planType.${plan.plan_type}`)}</dd>
        <dt>{t("plan.obligation")}</dt>
        <dd>
          {t("plan.obligationText", {
            count: plan.applications_per_period,
            period: t("plan.periodText", { count: plan.period_months }),
          })}
        </dd>
        {plan.obligation_reduction_reason ? (
          <>
            <dt>{t("plan.reductionReason")}</dt>
            <dd>{plan.obligation_reduction_reason}</dd>
          </>
        ) : null}
        <dt>{t("plan.nextReview")}</dt>
        <dd>{formatDate(plan.next_review_on)}</dd>
      </dl>
      <Heading>{t("plan.goals")}</Heading>
      <ul>
        {plan.goals.map((goal, index) => (
          <li key={index}>{goal}</li>
        ))}
      </ul>
      <Heading>{t("plan.tasks")}</Heading>
      {plan.tasks.length ? (
        <ul>
          {plan.tasks.map((task, index) => (
            <li key={index}>
              {task.description}
              {task.due_on ? ` (${t("plan.taskDue", { date: formatDate(task.due_on) })})` : ""}
              {task.done ? ` – ${t("plan.taskDone")}` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("plan.noTasks")}</p>
      )}
    </div>
  );
}

interface EditorProps {
  initial: PlanRead | null;
  saving: boolean;
  /** Saves; a failure other than a lost version is shown in the editor through ``failures``. */
  onSave: (values: PlanFormValues, failures: FormErrors) => void;
  onCancel: () => void;
}

function PlanEditor({ initial, saving, onSave, onCancel }: EditorProps) {
  const { t } = useTranslation();
  const schema = useMemo(() => planSchema(t), [t]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<PlanFormValues>({
    resolver: zodResolver(schema),
    defaultValues: planToForm(initial, inThreeMonths()),
  });
  const goals = useFieldArray({ control, name: "goals" });
  const tasks = useFieldArray({ control, name: "tasks" });
  const reduced = isReduced(
    Number(useWatch({ control, name: "applications_per_period" })),
    Number(useWatch({ control, name: "period_months" })),
  );

  const failures = useFormErrors({ form: "plan", fields: PLAN_FIELDS, setError });

  const submit = handleSubmit((values) => {
    failures.clear();
    onSave(values, failures);
  });
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="plan-editor-title">
      <h3 id="plan-editor-title" tabIndex={-1}>
        {initial ? t("plan.editTitle", { version: initial.version }) : t("plan.createTitle")}
      </h3>
      <ErrorSummary errors={failures} />
      <ChoiceSelect
        id="plan-type"
        label={t("plan.type")}
        required
        {...register("plan_type")}
        choices={PLAN_TYPES}
        choiceLabel={(type) => t(`planType.${type}`)}
      />
      <fieldset className="form-fieldset" aria-describedby={errors.goals?.message ? "goals-error" : undefined}>
        <legend className="form-field__label">{t("plan.goals")}</legend>
        {goals.fields.map((goal, index) => (
          <div key={goal.id} className="repeat-row">
            <TextInput
              id={`plan-goal-${index}`}
              label={t("plan.goalLabel", { number: index + 1 })}
              required
              {...errorProps(errors.goals?.[index]?.text)}
              {...register(`goals.${index}.text`)}
            />
            {goals.fields.length > 1 ? (
              <Button variant={ButtonVariant.Secondary} onClick={() => goals.remove(index)}>
                {t("plan.removeGoal", { number: index + 1 })}
              </Button>
            ) : null}
          </div>
        ))}
        {errors.goals?.message ? (
          <p id="goals-error" className="form-field__error">
            {errors.goals.message}
          </p>
        ) : null}
        <Button variant={ButtonVariant.Secondary} onClick={() => goals.append({ text: "" })}>
          {t("plan.addGoal")}
        </Button>
      </fieldset>
      <fieldset className="form-fieldset" aria-describedby={errors.tasks?.message ? "tasks-error" : undefined}>
        <legend className="form-field__label">{t("plan.tasks")}</legend>
        {tasks.fields.map((task, index) => (
          <div key={task.id} className="repeat-row">
            <TextInput
              id={`plan-task-${index}`}
              label={t("plan.taskLabel", { number: index + 1 })}
              required
              {...errorProps(errors.tasks?.[index]?.description)}
              {...register(`tasks.${index}.description`)}
            />
            <DateInput
              control={control}
              name={`tasks.${index}.due_on`}
              id={`plan-task-${index}-due`}
              label={t("plan.taskDueLabel", { number: index + 1 })}
            />
            <label className="checkbox">
              <input type="checkbox" {...register(`tasks.${index}.done`)} />
              {t("plan.taskDoneLabel", { number: index + 1 })}
            </label>
            <Button variant={ButtonVariant.Secondary} onClick={() => tasks.remove(index)}>
              {t("plan.removeTask", { number: index + 1 })}
            </Button>
          </div>
        ))}
        {errors.tasks?.message ? (
          <p id="tasks-error" className="form-field__error">
            {errors.tasks.message}
          </p>
        ) : null}
        <Button
          variant={ButtonVariant.Secondary}
          onClick={() => tasks.append({ description: "", due_on: "", done: false })}
        >
          {t("plan.addTask")}
        </Button>
      </fieldset>
      <fieldset className="form-fieldset">
        <legend className="form-field__label">{t("plan.obligation")}</legend>
        <p className="form-help">{t("plan.obligationHelp")}</p>
        <TextInput
          id="plan-applications"
          type="number"
          min={0}
          max={30}
          label={t("plan.applicationsPerPeriod")}
          required
          {...errorProps(errors.applications_per_period)}
          {...register("applications_per_period", { valueAsNumber: true })}
        />
        <ChoiceSelect
          id="plan-period"
          label={t("plan.periodMonths")}
          required
          errorText={errors.period_months?.message}
          {...register("period_months", { valueAsNumber: true })}
          choices={[1, 2, 3]}
          choiceLabel={(months) => t("plan.months", { count: months })}
        />
        {reduced ? (
          <TextArea
            id="plan-reduction-reason"
            label={t("plan.reductionReason")}
            helperText={t("plan.reductionReasonHelp")}
            required
            {...errorProps(errors.obligation_reduction_reason)}
            {...register("obligation_reduction_reason")}
          />
        ) : null}
      </fieldset>
      <DateInput
        control={control}
        name="next_review_on"
        id="plan-next-review"
        label={t("plan.nextReview")}
        required
        {...errorProps(errors.next_review_on)}
      />
      <div className="form__actions">
        <Button type="submit" disabled={saving}>
          {t("plan.save")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

function Versions({ clientId, me }: { clientId: string; me?: string }) {
  const { t } = useTranslation();
  const versions = usePlanVersions(clientId);
  if (!versions.data?.length) return null;
  return (
    <section aria-labelledby="plan-versions-title">
      <h3 id="plan-versions-title">{t("plan.versions")}</h3>
      <ul className="plain-list plain-list--bare">
        {[...versions.data].reverse().map((version) => (
          <li key={version.version}>
            <details>
              <summary>
                {t("plan.versionLine", {
                  version: version.version,
                  at: formatDateTime(version.created_at),
                  by: savedBy(t, version.created_by, me, version.created_by_name),
                })}
              </summary>
              <PlanView plan={version} headingLevel={4} />
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface Editing {
  /** The ETag of the version the coach opened; the save sends it as If-Match. */
  etag: string | null;
  base: PlanRead | null;
  /** Changes when a newer version is loaded into the editor, so the form starts over from it. */
  key: string;
}

/**
 * The employment plan: the current version, an editor that saves a new version with If-Match, and the history.
 * When someone else saved in between, the service answers 412 and the coach is told so, with the newer version
 * one click away; nothing is overwritten.
 */
export function PlanSection({ clientId, me }: { clientId: string; me?: string }) {
  const { t } = useTranslation();
  const current = usePlan(clientId);
  const save = useSavePlan(clientId);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [conflict, setConflict] = useState<VersionConflict | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const form = useFormOnRequest("plan-editor");

  const startEditing = (base: PlanRead | null, etag: string | null) => {
    setMessage(null);
    setEditing({ etag, base, key: `${base?.version ?? 0}-${Date.now()}` });
    form.open();
  };
  const stopEditing = () => {
    setEditing(null);
    setConflict(null);
    form.cancel();
  };

  const onSave = (values: PlanFormValues, failures: FormErrors) => {
    if (!editing) return;
    setConflict(null);
    save.mutate(
      { body: formToPlan(values), etag: editing.etag },
      {
        onSuccess: (saved) => {
          setEditing(null);
          setMessage(t("plan.saved", { version: saved.plan?.version }));
          form.saved(saved.plan ? `plan-version-${saved.plan.version}` : null);
        },
        onError: (error) => {
          const lost = versionConflictOf(error);
          if (lost) {
            setConflict(lost);
          } else if (
            !failures.showProblem(
              error instanceof ApiError ? new ApiError(error.status, placeReductionError(error.problem)) : error,
            )
          ) {
            failures.fail(t("errors.unexpected"));
          }
        },
      },
    );
  };

  /** Edits start from the version saved now, not from what the page loaded a while ago. */
  const editLatest = async () => {
    const result = await current.refetch();
    if (result.data) startEditing(result.data.plan, result.data.etag);
    return result.data;
  };

  const loadNewer = async () => {
    setConflict(null);
    void queryClient.invalidateQueries({ queryKey: clientKeys.planVersions(clientId) });
    const latest = await editLatest();
    if (latest) setMessage(t("plan.newerLoaded", { version: latest.plan?.version }));
  };

  const plan = current.data?.plan ?? null;
  return (
    <section id="plan" aria-labelledby="plan-title" className="page-section">
      <h2 id="plan-title">{t("plan.title")}</h2>
      <PlanStatus clientId={clientId} />
      {current.isPending ? <p>{t("app.loading")}</p> : null}
      {current.isError ? <p role="alert">{loadErrorMessage(t, current.error)}</p> : null}
      {conflict ? (
        <VersionConflictAlert
          conflict={conflict}
          text={(version) => (version === null ? t("plan.conflictTextUnknown") : t("plan.conflictText", { version }))}
          onLoadNewer={() => void loadNewer()}
        />
      ) : null}
      <StatusMessage>{message}</StatusMessage>
      {current.data && !editing ? (
        plan ? (
          <>
            <p id={`plan-version-${plan.version}`} tabIndex={-1}>
              {t("plan.currentVersion", {
                version: plan.version,
                at: formatDateTime(plan.created_at),
                by: savedBy(t, plan.created_by, me, plan.created_by_name),
              })}
            </p>
            <PlanView plan={plan} headingLevel={3} />
          </>
        ) : (
          <p>{t("plan.none")}</p>
        )
      ) : null}
      {current.data ? (
        <Button {...form.buttonProps} onClick={form.isOpen ? stopEditing : () => void editLatest()}>
          {plan ? t("plan.edit") : t("plan.create")}
        </Button>
      ) : null}
      <div {...form.regionProps}>
        {editing && form.isOpen ? (
          <PlanEditor
            key={editing.key}
            initial={editing.base}
            saving={save.isPending}
            onSave={onSave}
            onCancel={stopEditing}
          />
        ) : null}
      </div>
      <Versions clientId={clientId} me={me} />
    </section>
  );
}
