import { zodResolver } from "@hookform/resolvers/zod";
import { TextInput } from "hds-react";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { DateInput } from "../../../components/date-input";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { FormOnRequestForm, FormOnRequestRegion, useFormOnRequest } from "../../../components/form-on-request";
import { StatusMessage } from "../../../components/status-message";
import { formatDate, formatNumber, todayInHelsinki } from "../../../lib/format";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { savedBy } from "../../../lib/people";
import { ApiError } from "../../../lib/problem";
import { useSubsidyDays } from "../api/get-subsidy-days";
import { useSetSubsidyDays } from "../api/set-subsidy-days";
import type { SubsidyDaysRead } from "../api/types";
import { type SubsidyDaysForm, subsidyDaysSchema } from "../schemas";

function Count({ count, me }: { count: SubsidyDaysRead; me?: string }) {
  const { t } = useTranslation();
  const reached = count.days >= count.threshold_days;
  return (
    <>
      <dl className="summary-list" id="subsidy-days-count" tabIndex={-1}>
        <dt>{t("kela.days.count")}</dt>
        <dd>{t("kela.days.value", { days: formatNumber(count.days), date: formatDate(count.counted_on) })}</dd>
        <dt>{t("kela.days.source")}</dt>
        <dd>
          {t(`kela.days.sourceName.${count.source}`)}, {savedBy(t, count.recorded_by, me)}
        </dd>
        <dt>{t("kela.days.threshold", { days: count.threshold_days })}</dt>
        <dd>
          {reached
            ? t("kela.days.reached")
            : t("kela.days.reachedOn", { date: formatDate(count.threshold_reached_on) })}
        </dd>
      </dl>
      {reached ? (
        <div className="alert alert--warning">
          <p className="alert__title">{t("kela.days.reachedTitle")}</p>
          <p>{t("kela.days.reachedText")}</p>
        </div>
      ) : null}
    </>
  );
}

/**
 * Kela's count of the client's labour-market subsidy days, which cannot be queried: imported from Kela's file or set
 * by the coach as Kela gave it. 300 days bring the client to the multi-sectoral joint service (TYP, 1369/2014,
 * 2 § 2 mom.); the service says when the count reaches it.
 */
export function SubsidyDaysSection({ clientId, me }: { clientId: string; me?: string }) {
  const { t } = useTranslation();
  const current = useSubsidyDays(clientId);
  const save = useSetSubsidyDays(clientId);
  const [message, setMessage] = useState<string | null>(null);
  const form = useFormOnRequest("subsidy-days-form", { onOpen: () => setMessage(null) });
  const schema = useMemo(() => subsidyDaysSchema(t), [t]);
  const count = current.data?.count ?? null;
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SubsidyDaysForm>({
    resolver: zodResolver(schema),
    values: { days: count ? String(count.days) : "", counted_on: todayInHelsinki() },
  });
  const failures = useFormErrors<SubsidyDaysForm>({ form: "kela.days", fields: ["days", "counted_on"], setError });
  const onSubmit = handleSubmit(async (values) => {
    failures.clear();
    try {
      const saved = await save.mutateAsync({
        body: { days: Number(values.days), counted_on: values.counted_on },
        etag: current.data?.etag ?? null,
      });
      setMessage(
        t("kela.days.saved", {
          days: formatNumber(saved.count.days),
          date: formatDate(saved.count.counted_on),
        }),
      );
      form.saved("subsidy-days-count");
    } catch (error) {
      if (error instanceof ApiError && (error.status === 412 || error.status === 428)) {
        failures.fail(t("kela.days.changed"));
        void current.refetch();
      } else if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
    }
  });
  return (
    <section id="subsidy-days" aria-labelledby="subsidy-days-title" className="page-section">
      <h2 id="subsidy-days-title">{t("kela.days.title")}</h2>
      <p>{t("kela.days.help")}</p>
      {current.isPending ? <p>{t("app.loading")}</p> : null}
      {current.isError ? <p role="alert">{loadErrorMessage(t, current.error)}</p> : null}
      <StatusMessage>{message}</StatusMessage>
      {current.isSuccess ? (
        count ? (
          <Count count={count} me={me} />
        ) : (
          <p id="subsidy-days-count" tabIndex={-1}>
            {t("kela.days.none")}
          </p>
        )
      ) : null}
      {current.isSuccess ? (
        <FormOnRequestRegion form={form} label={count ? t("kela.days.change") : t("kela.days.set")}>
          <FormOnRequestForm
            form={form}
            title={count ? t("kela.days.change") : t("kela.days.set")}
            submitLabel={t("kela.days.save")}
            submitting={isSubmitting}
            onSubmit={(event) => void onSubmit(event)}
          >
            <ErrorSummary errors={failures} />
            <TextInput
              id="days"
              label={t("kela.days.daysLabel")}
              helperText={t("kela.days.daysHelp")}
              inputMode="numeric"
              autoComplete="off"
              required
              {...errorProps(errors.days)}
              {...register("days")}
            />
            <DateInput
              control={control}
              name="counted_on"
              id="counted_on"
              label={t("kela.days.countedOn")}
              required
              {...errorProps(errors.counted_on)}
            />
          </FormOnRequestForm>
        </FormOnRequestRegion>
      ) : null}
    </section>
  );
}
