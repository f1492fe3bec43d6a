import { zodResolver } from "@hookform/resolvers/zod";
import { Button, ButtonSize, ButtonVariant, TextArea } from "hds-react";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ErrorSummary, useFormErrors } from "../../../components/form";
import { type FormOnRequest, FormOnRequestForm, useFormOnRequest } from "../../../components/form-on-request";
import { StatusMessage } from "../../../components/status-message";
import { formatDate, formatDateTime } from "../../../lib/format";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { savedBy } from "../../../lib/people";
import { ApiError } from "../../../lib/problem";
import { useClearDuty } from "../api/clear-duty";
import { useDuties } from "../api/get-duties";
import type { DutyRead } from "../api/types";
import { type DutyClearanceForm, dutyClearanceSchema } from "../schemas";

const dutyId = (duty: DutyRead) => `duty-${duty.kind}-${duty.key}`;

function Duty({ duty, me, onClear }: { duty: DutyRead; me?: string; onClear: (duty: DutyRead) => void }) {
  const { t } = useTranslation();
  const name = t(`duties.kind.${duty.kind}`);
  return (
    <li id={dutyId(duty)} tabIndex={-1}>
      <strong>{name}</strong> – {t("duties.appliesFrom", { date: formatDate(duty.applies_from) })}
      {duty.due_on ? <>, {t("duties.dueOn", { date: formatDate(duty.due_on) })}</> : null}
      {duty.dated ? null : <>, {t("duties.undated")}</>}
      <br />
      {duty.cleared ? (
        <>
          {t("duties.cleared", {
            who: duty.cleared_by ? savedBy(t, duty.cleared_by, me) : "–",
            when: duty.cleared_at ? formatDateTime(duty.cleared_at) : "–",
          })}
          {duty.cleared_reason ? <p className="note">{duty.cleared_reason}</p> : null}
        </>
      ) : (
        <>
          {t("duties.open")}{" "}
          <Button
            variant={ButtonVariant.Secondary}
            size={ButtonSize.Small}
            aria-label={t("duties.clearLabel", { duty: name })}
            onClick={() => onClear(duty)}
          >
            {t("duties.clear")}
          </Button>
        </>
      )}
      <br />
      <small>{t("duties.sources", { sources: duty.sources.join("; ") })}</small>
    </li>
  );
}

function ClearDuty({
  clientId,
  duty,
  form,
  onDone,
}: {
  clientId: string;
  duty: DutyRead;
  form: FormOnRequest;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const clear = useClearDuty(clientId);
  const schema = useMemo(() => dutyClearanceSchema(t), [t]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<DutyClearanceForm>({ resolver: zodResolver(schema), defaultValues: { reason: "" } });
  const failures = useFormErrors<DutyClearanceForm>({ form: "duties", fields: ["reason"], setError });
  const name = t(`duties.kind.${duty.kind}`);
  const onSubmit = handleSubmit(async (values) => {
    failures.clear();
    try {
      await clear.mutateAsync({ kind: duty.kind, key: duty.key, reason: values.reason });
      onDone(t("duties.done", { duty: name }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 409)
        failures.fail(t("duties.alreadyCleared"), error.problem?.detail ? [error.problem.detail] : []);
      else if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
    }
  });
  return (
    <FormOnRequestForm
      form={form}
      title={t("duties.clearTitle", { duty: name })}
      submitLabel={t("duties.clearSave")}
      submitting={isSubmitting}
      onSubmit={(event) => void onSubmit(event)}
    >
      <ErrorSummary errors={failures} />
      <TextArea
        id="reason"
        label={t("duties.reason")}
        helperText={t("duties.reasonHelp")}
        required
        {...errorProps(errors.reason)}
        {...register("reason")}
      />
    </FormOnRequestForm>
  );
}

/**
 * The duties the 2026 rules put on the client's job search: the job-search profile on the national platform, and
 * for an under-25 without a vocational qualification the spring joint application. Each is dated and cites its
 * source; the coach clears one with the reason (done, or it does not apply).
 */
export function DutiesSection({ clientId, me }: { clientId: string; me?: string }) {
  const { t } = useTranslation();
  const duties = useDuties(clientId);
  const [message, setMessage] = useState<string | null>(null);
  const [clearing, setClearing] = useState<DutyRead | null>(null);
  const form = useFormOnRequest("duty-clear-form", { onOpen: () => setMessage(null) });
  const startClearing = (duty: DutyRead) => {
    setClearing(duty);
    form.open();
  };
  return (
    <section id="duties" aria-labelledby="duties-title" className="page-section">
      <h2 id="duties-title">{t("duties.title")}</h2>
      <p>{t("duties.help")}</p>
      {duties.isPending ? <p>{t("app.loading")}</p> : null}
      {duties.isError ? <p role="alert">{loadErrorMessage(t, duties.error)}</p> : null}
      <StatusMessage>{message}</StatusMessage>
      {duties.data ? (
        duties.data.duties.length ? (
          <ul className="plain-list" aria-labelledby="duties-title">
            {duties.data.duties.map((duty) => (
              <Duty key={dutyId(duty)} duty={duty} me={me} onClear={startClearing} />
            ))}
          </ul>
        ) : (
          <p>{t("duties.none", { date: formatDate(duties.data.today) })}</p>
        )
      ) : null}
      <div {...form.regionProps}>
        {form.isOpen && clearing ? (
          <ClearDuty
            key={dutyId(clearing)}
            clientId={clientId}
            duty={clearing}
            form={form}
            onDone={(done) => {
              setMessage(done);
              form.saved(dutyId(clearing));
            }}
          />
        ) : null}
      </div>
    </section>
  );
}
