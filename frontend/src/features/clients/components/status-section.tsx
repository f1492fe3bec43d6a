import { zodResolver } from "@hookform/resolvers/zod";
import { Button, ButtonVariant, TextInput } from "hds-react";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { StatusMessage } from "../../../components/status-message";
import { formatDate, todayInHelsinki } from "../../../lib/format";
import { useChangeStatus } from "../api/change-status";
import { useStatusHistory } from "../api/get-status-history";
import { CLIENT_STATUSES, type ClientStatus } from "../api/types";
import { type StatusChangeForm as StatusForm, statusChangeSchema } from "../schemas";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { DateInput } from "../../../components/date-input";
import { FormOnRequestRegion, useFormOnRequest } from "../../../components/form-on-request";

const FIELDS = ["status", "changed_on", "reason"] as const;

interface ChangeStatusProps {
  clientId: string;
  current: ClientStatus;
  onDone: (message: string) => void;
  onCancel: () => void;
}

function ChangeStatus({ clientId, current, onDone, onCancel }: ChangeStatusProps) {
  const { t } = useTranslation();
  const change = useChangeStatus(clientId);
  const schema = useMemo(() => statusChangeSchema(t), [t]);
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<StatusForm>({
    resolver: zodResolver(schema),
    defaultValues: { status: "", changed_on: todayInHelsinki(), reason: "" },
  });
  const failures = useFormErrors({ form: "statusChange", fields: FIELDS, setError });

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    try {
      const client = await change.mutateAsync({
        status: form.status as ClientStatus,
        changed_on: form.changed_on,
        reason: form.reason.trim() || null,
      });
      onDone(t("statusChange.done", { status: t(`status.${client.status}`) }));
    } catch (error) {
      if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
    }
  });

  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="change-status-title">
      <h3 id="change-status-title" tabIndex={-1}>
        {t("statusChange.title")}
      </h3>
      <ErrorSummary errors={failures} />
      <ChoiceSelect
        id="status-new"
        label={t("statusChange.newStatus")}
        required
        errorText={errors.status?.message}
        {...register("status")}
        noChoice={t("common.choose")}
        choices={CLIENT_STATUSES.filter((status) => status !== current)}
        choiceLabel={(status) => t(`status.${status}`)}
      />
      <DateInput
        control={control}
        name="changed_on"
        id="status-changed-on"
        label={t("statusChange.changedOn")}
        required
        {...errorProps(errors.changed_on)}
      />
      <TextInput
        id="status-reason"
        label={t("statusChange.reason")}
        {...errorProps(errors.reason)}
        {...register("reason")}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("statusChange.save")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

/** The reason clients-api writes itself on the first row of every client's history (the registration). */
const REGISTRATION_REASON = "registered as a job seeker";

/** The client's labour-market status over time, and recording a change (kept in the history), opened on request. */
export function StatusSection({ clientId, current }: { clientId: string; current: ClientStatus }) {
  const { t } = useTranslation();
  const history = useStatusHistory(clientId);
  const [message, setMessage] = useState<string | null>(null);
  const form = useFormOnRequest("change-status", { onOpen: () => setMessage(null) });
  // Each row is named by its place in the order of recording, so the change just saved is the next number.
  const recorded = (history.data ?? []).map((change) => change.recorded_at).sort();
  const rowId = (recordedAt: string) => `status-change-${recorded.indexOf(recordedAt) + 1}`;
  return (
    <section aria-labelledby="status-history-title">
      <h3 id="status-history-title">{t("statusChange.history")}</h3>
      {history.isError ? <p role="alert">{loadErrorMessage(t, history.error)}</p> : null}
      {history.data?.length ? (
        <ol className="plain-list">
          {history.data.map((change, index) => (
            <li key={`${change.recorded_at}-${index}`} id={rowId(change.recorded_at)} tabIndex={-1}>
              {formatDate(change.changed_on)}: <strong>{t(`status.${change.status}`)}</strong>
              {change.reason
                ? ` – ${change.reason === REGISTRATION_REASON ? t("workplace.registeredAsJobSeeker") : change.reason}`
                : ""}
            </li>
          ))}
        </ol>
      ) : null}
      <StatusMessage>{message}</StatusMessage>
      <FormOnRequestRegion form={form} label={t("statusChange.title")}>
        <ChangeStatus
          clientId={clientId}
          current={current}
          onDone={(done) => {
            setMessage(done);
            form.saved(`status-change-${recorded.length + 1}`);
          }}
          onCancel={form.cancel}
        />
      </FormOnRequestRegion>
    </section>
  );
}
