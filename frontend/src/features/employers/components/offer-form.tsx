import { Button } from "hds-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ErrorSummary, useFormErrors } from "../../../components/form";
import { StatusMessage } from "../../../components/status-message";
import { formatDate, todayInHelsinki } from "../../../lib/format";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { ApiError } from "../../../lib/problem";
import { useCreateOffer } from "../api/create-offer";
import { DateInput } from "../../../components/date-input";

const FIELDS = ["respond_by"] as const;

/** Two weeks from today: the default day to answer by. */
function inTwoWeeks(): string {
  const day = new Date(`${todayInHelsinki()}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 14);
  return day.toISOString().slice(0, 10);
}

/**
 * A coach offers a vacancy to a client (*työtarjous*) with the day the client answers by. ``label`` names what is
 * offered to whom, so that each form on a list of matches is told apart.
 */
export function OfferForm({ vacancyId, clientId, label }: { vacancyId: string; clientId: string; label: string }) {
  const { t } = useTranslation();
  const create = useCreateOffer();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [sent, setSent] = useState<string | null>(null);
  const {
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<{ respond_by: string }>({ defaultValues: { respond_by: inTwoWeeks() } });
  const failures = useFormErrors({ form: "employers.offer", fields: FIELDS, setError });
  const id = `offer-${vacancyId}-${clientId}`;

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    setSent(null);
    try {
      const offer = await create.mutateAsync({
        body: { vacancy_id: vacancyId, client_id: clientId, respond_by: form.respond_by },
        idempotencyKey,
      });
      setIdempotencyKey(crypto.randomUUID());
      setSent(t("employers.offer.sent", { date: formatDate(offer.respond_by) }));
    } catch (error) {
      if (failures.showProblem(error)) return;
      if (error instanceof ApiError && error.status === 409) {
        failures.fail(t("employers.offer.conflict"), [error.problem?.title ?? ""]);
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
        id={`${id}-respond_by`}
        label={t("employers.offer.respondBy")}
        required
        {...errorProps(errors.respond_by)}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("employers.offer.submit")}
        </Button>
      </div>
      <StatusMessage>{sent}</StatusMessage>
    </form>
  );
}
