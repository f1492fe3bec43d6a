import { Button, ButtonVariant } from "hds-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { DateInput } from "../../../components/date-input";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import {
  type FormOnRequest,
  FormOnRequestRegion,
  useFormOnRequestWithResult,
} from "../../../components/form-on-request";
import { SavedResult } from "../../../components/saved-result";
import { formatDate, todayInHelsinki } from "../../../lib/format";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { ApiError } from "../../../lib/problem";
import { useCreateOffer } from "../api/create-offer";

const FIELDS = ["respond_by"] as const;

/** The refusals of an offer that the coach can act on, by the problem's type (employer-api's placement service). */
const CONFLICTS: Record<string, string> = {
  "job-offer-already-open": "employers.offer.alreadyOpen",
  "vacancy-not-published": "employers.offer.notPublished",
};

/** Two weeks from today: the default day to answer by. */
function inTwoWeeks(): string {
  const day = new Date(`${todayInHelsinki()}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 14);
  return day.toISOString().slice(0, 10);
}

/** The offer's one field, the day the client answers by; a refusal is told in the reader's language. */
function OfferForm({
  vacancyId,
  clientId,
  label,
  form,
  onSent,
}: {
  vacancyId: string;
  clientId: string;
  label: string;
  form: FormOnRequest;
  onSent: (message: string) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateOffer();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const {
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<{ respond_by: string }>({ defaultValues: { respond_by: inTwoWeeks() } });
  const failures = useFormErrors({ form: "employers.offer", fields: FIELDS, setError });

  const onSubmit = handleSubmit(async (values) => {
    failures.clear();
    try {
      const offer = await create.mutateAsync({
        body: { vacancy_id: vacancyId, client_id: clientId, respond_by: values.respond_by },
        idempotencyKey,
      });
      onSent(t("employers.offer.sent", { date: formatDate(offer.respond_by) }));
    } catch (error) {
      if (failures.showProblem(error)) return;
      if (error instanceof ApiError && error.status === 409) {
        const known = error.slug ? CONFLICTS[error.slug] : undefined;
        failures.fail(t("employers.offer.conflict"), [known ? t(known) : t("errors.unexpected")]);
      } else {
        failures.fail(t("errors.formTitle"), [loadErrorMessage(t, error)]);
      }
    }
  });

  return (
    <form className="form form--inline" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={label}>
      <ErrorSummary errors={failures} />
      <DateInput
        control={control}
        name="respond_by"
        id={`${form.regionProps.id}-respond_by`}
        label={t("employers.offer.respondBy")}
        required
        {...errorProps(errors.respond_by)}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("employers.offer.submit")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={form.cancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

/**
 * A coach offers a vacancy to a client (*työtarjous*) with the day the client answers by, from a list of matches:
 * each match has its button, which opens the one-field form with focus on the day (the form opened anew is a new
 * offer, with a key of its own). Sent, the form closes and focus goes to the message saying until when the client
 * answers; Cancel or Escape gives focus back to the button. ``label`` names what is offered to whom, so that each
 * match's button and form are told apart.
 */
export function OfferOnRequest({ vacancyId, clientId, label }: { vacancyId: string; clientId: string; label: string }) {
  const { t } = useTranslation();
  const form = useFormOnRequestWithResult(`offer-${vacancyId}-${clientId}`);
  return (
    <>
      <FormOnRequestRegion form={form} label={t("employers.offer.open")} name={label}>
        <OfferForm vacancyId={vacancyId} clientId={clientId} label={label} form={form} onSent={form.report} />
      </FormOnRequestRegion>
      <SavedResult id={form.resultId}>{form.result}</SavedResult>
    </>
  );
}
