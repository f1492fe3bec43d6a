import { zodResolver } from "@hookform/resolvers/zod";
import { Button, ButtonVariant, TextArea } from "hds-react";
import { useMemo } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import type { TFunction } from "i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { ErrorSummary, type FormErrors, useFormErrors } from "../../../components/form";
import { FormOnRequestRegion, useFormOnRequestWithResult } from "../../../components/form-on-request";
import { formatDate, todayInHelsinki } from "../../../lib/format";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { ApiError } from "../../../lib/problem";
import { useEndSearchPeriod, useStartSearchPeriod } from "../api/change-search-period";
import { useSearchPeriods } from "../api/get-search-periods";
import { SEARCH_END_REASONS, type SearchEndReason, type SearchPeriodRead } from "../api/types";
import { type PeriodEndForm, periodEndSchema, type PeriodStartForm, periodStartSchema } from "../schemas";
import { type Me, usePersonName } from "./coach-names";
import { DateInput } from "../../../components/date-input";
import { SavedResult } from "../../../components/saved-result";

function Period({ period, nameOf }: { period: SearchPeriodRead; nameOf: (subject: string) => string }) {
  const { t } = useTranslation();
  const end = period.ended_on ? formatDate(period.ended_on) : t("coachwork.periods.ongoing");
  return (
    <li>
      <strong>{t("coachwork.periods.period", { start: formatDate(period.started_on), end })}</strong>
      {period.end_reason ? <> – {t(`coachwork.endReason.${period.end_reason}`)}</> : null}
      <br />
      {period.initial_interview ? t("coachwork.periods.withInitial") : t("coachwork.periods.withoutInitial")}
      {period.end_notes ? <p className="note">{period.end_notes}</p> : null}
      <br />
      <small>
        {t("coachwork.periods.startedBy", { who: nameOf(period.started_by) })}
        {period.ended_by ? <>, {t("coachwork.periods.endedBy", { who: nameOf(period.ended_by) })}</> : null}
      </small>
    </li>
  );
}

const conflictOrProblem = (t: TFunction, failures: FormErrors, error: unknown) => {
  if (error instanceof ApiError && (error.status === 409 || error.status === 412))
    failures.fail(t("coachwork.conflict"), error.problem?.detail ? [error.problem.detail] : []);
  else if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
};

type Done = (message: string) => void;
type NameOf = (subject: string) => string;

function EndPeriod({
  clientId,
  period,
  onDone,
  onCancel,
  nameOf,
}: {
  clientId: string;
  period: SearchPeriodRead;
  onDone: Done;
  onCancel: () => void;
  nameOf: NameOf;
}) {
  const { t } = useTranslation();
  const endPeriod = useEndSearchPeriod(clientId);
  const schema = useMemo(() => periodEndSchema(t), [t]);
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<PeriodEndForm>({
    resolver: zodResolver(schema),
    defaultValues: { ended_on: todayInHelsinki(), reason: "", notes: "" },
  });
  const failures = useFormErrors<PeriodEndForm>({
    form: "coachwork.periods",
    fields: ["ended_on", "reason", "notes"],
    setError,
  });
  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    try {
      const ended = await endPeriod.mutateAsync({
        period,
        body: { ended_on: form.ended_on, reason: form.reason as SearchEndReason, notes: form.notes || null },
      });
      onDone(
        t("coachwork.periods.ended", {
          date: formatDate(ended.ended_on),
          reason: ended.end_reason ? t(`coachwork.endReason.${ended.end_reason}`) : "",
          who: ended.ended_by ? nameOf(ended.ended_by) : "–",
        }),
      );
    } catch (error) {
      conflictOrProblem(t, failures, error);
    }
  });
  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="end-period-title">
      <h3 id="end-period-title" tabIndex={-1}>
        {t("coachwork.periods.end")}
      </h3>
      <ErrorSummary errors={failures} />
      <DateInput
        control={control}
        name="ended_on"
        id="ended_on"
        label={t("coachwork.periods.endedOn")}
        required
        {...errorProps(errors.ended_on)}
      />
      <ChoiceSelect
        id="end-reason"
        label={t("coachwork.periods.reason")}
        required
        errorText={errors.reason?.message}
        {...register("reason")}
        noChoice={t("common.choose")}
        choices={SEARCH_END_REASONS}
        choiceLabel={(reason) => t(`coachwork.endReason.${reason}`)}
      />
      <TextArea
        id="period-notes"
        label={t("coachwork.periods.notes")}
        {...errorProps(errors.notes)}
        {...register("notes")}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("coachwork.periods.endSave")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

interface StartPeriodProps {
  clientId: string;
  onDone: Done;
  onCancel: () => void;
  nameOf: NameOf;
}

function StartPeriod({ clientId, onDone, onCancel, nameOf }: StartPeriodProps) {
  const { t } = useTranslation();
  const start = useStartSearchPeriod(clientId);
  const schema = useMemo(() => periodStartSchema(t), [t]);
  const {
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<PeriodStartForm>({ resolver: zodResolver(schema), defaultValues: { started_on: todayInHelsinki() } });
  const failures = useFormErrors<PeriodStartForm>({ form: "coachwork.periods", fields: ["started_on"], setError });
  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    try {
      const started = await start.mutateAsync(form.started_on);
      onDone(
        t("coachwork.periods.started", {
          date: formatDate(started.started_on),
          who: nameOf(started.started_by),
          initial: started.initial_interview
            ? t("coachwork.periods.withInitial")
            : t("coachwork.periods.withoutInitial"),
        }),
      );
    } catch (error) {
      conflictOrProblem(t, failures, error);
    }
  });
  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="start-period-title">
      <h3 id="start-period-title" tabIndex={-1}>
        {t("coachwork.periods.start")}
      </h3>
      <p>{t("coachwork.periods.startHelp")}</p>
      <ErrorSummary errors={failures} />
      <DateInput
        control={control}
        name="started_on"
        id="started_on"
        label={t("coachwork.periods.startedOn")}
        required
        {...errorProps(errors.started_on)}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("coachwork.periods.startSave")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

/**
 * The client's job-search periods (*työnhaut*), latest first, each with its end and the reason, and who started and
 * ended it. The open period can be ended with a reason; without an open one, a new one can be started (it has its
 * own statutory schedule, with an initial interview only six months or more after the previous one ended).
 */
export function SearchPeriodsSection({ clientId, me }: { clientId: string; me?: Me }) {
  const { t } = useTranslation();
  const nameOf = usePersonName(me);
  const periods = useSearchPeriods(clientId);
  const latestFirst = [...(periods.data ?? [])].sort((a, b) => b.started_on.localeCompare(a.started_on));
  const open = latestFirst.find((period) => !period.ended_on);
  // Saved, the form closes and focus goes to the result, which names who started or ended the period.
  const form = useFormOnRequestWithResult("search-period-form");
  return (
    <section id="job-search-periods" aria-labelledby="job-search-periods-title" className="page-section">
      <h2 id="job-search-periods-title">{t("coachwork.periods.title")}</h2>
      {periods.isError ? <p role="alert">{loadErrorMessage(t, periods.error)}</p> : null}
      {periods.data ? (
        latestFirst.length ? (
          <ul className="plain-list" aria-labelledby="job-search-periods-title">
            {latestFirst.map((period) => (
              <Period key={period.id} period={period} nameOf={nameOf} />
            ))}
          </ul>
        ) : (
          <p>{t("coachwork.periods.none")}</p>
        )
      ) : null}
      <SavedResult id={form.resultId}>{form.result}</SavedResult>
      {periods.data ? (
        <FormOnRequestRegion form={form} label={open ? t("coachwork.periods.end") : t("coachwork.periods.start")}>
          {open ? (
            <EndPeriod
              key={open.id}
              clientId={clientId}
              period={open}
              onDone={form.report}
              onCancel={form.cancel}
              nameOf={nameOf}
            />
          ) : (
            <StartPeriod clientId={clientId} onDone={form.report} onCancel={form.cancel} nameOf={nameOf} />
          )}
        </FormOnRequestRegion>
      ) : null}
    </section>
  );
}
