import { Button, TextInput } from "hds-react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { ApiError } from "../../../lib/problem";
import { useRecordIntroductionOutcome } from "../api/record-introduction-outcome";
import { useRecordOfferOutcome } from "../api/record-offer-outcome";
import {
  INTRODUCTION_OUTCOMES,
  type IntroductionRead,
  type IntroductionStatus,
  type JobOfferRead,
  OFFER_OUTCOMES,
  type OfferStatus,
} from "../api/types";

/** A 409 or 412 in words: someone recorded an outcome meanwhile, or this one does not follow the current one. */
function conflictMessage(t: (key: string) => string, error: unknown): string | null {
  if (error instanceof ApiError && error.status === 412) return t("employers.outcome.stale");
  if (error instanceof ApiError && error.status === 409) return t("employers.outcome.notAllowed");
  return null;
}

/** Records what came of a job offer: applied, did not apply (with the reason), hired, not hired. */
export function OfferOutcomeForm({ offer, label }: { offer: JobOfferRead; label: string }) {
  const { t } = useTranslation();
  const record = useRecordOfferOutcome();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<{ outcome: OfferStatus; reason: string }>({ defaultValues: { outcome: "applied", reason: "" } });
  const failures = useFormErrors({ form: "employers.outcome", fields: ["outcome", "reason"] as const, setError });
  const id = `offer-outcome-${offer.id}`;

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    try {
      await record.mutateAsync({
        offer,
        body: { outcome: form.outcome, reason: form.outcome === "did_not_apply" ? form.reason.trim() || null : null },
      });
    } catch (error) {
      if (failures.showProblem(error)) return;
      failures.fail(t("errors.formTitle"), [conflictMessage(t, error) ?? loadErrorMessage(t, error)]);
    }
  });

  return (
    <form className="form form--inline" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={label}>
      <ErrorSummary errors={failures} />
      <ChoiceSelect
        id={`${id}-outcome`}
        label={t("employers.outcome.label")}
        {...register("outcome")}
        choices={OFFER_OUTCOMES.filter((outcome) => outcome !== offer.status)}
        choiceLabel={(outcome) => t(`employers.offerStatus.${outcome}`)}
      />
      <TextInput
        id={`${id}-reason`}
        label={t("employers.outcome.reason")}
        helperText={t("employers.outcome.reasonHelp")}
        {...errorProps(errors.reason)}
        {...register("reason")}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("employers.outcome.submit")}
        </Button>
      </div>
    </form>
  );
}

/** Records what came of an introduction: invited to interview, hired, not hired. */
export function IntroductionOutcomeForm({ introduction, label }: { introduction: IntroductionRead; label: string }) {
  const { t } = useTranslation();
  const record = useRecordIntroductionOutcome();
  const {
    register,
    handleSubmit,
    formState: { isSubmitting },
  } = useForm<{ outcome: IntroductionStatus }>({ defaultValues: { outcome: "invited_to_interview" } });
  const failures = useFormErrors({ form: "employers.outcome" });
  const id = `introduction-outcome-${introduction.id}`;

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    try {
      await record.mutateAsync({ introduction, outcome: form.outcome });
    } catch (error) {
      if (failures.showProblem(error)) return;
      failures.fail(t("errors.formTitle"), [conflictMessage(t, error) ?? loadErrorMessage(t, error)]);
    }
  });

  return (
    <form className="form form--inline" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={label}>
      <ErrorSummary errors={failures} />
      <ChoiceSelect
        id={`${id}-outcome`}
        label={t("employers.outcome.label")}
        {...register("outcome")}
        choices={INTRODUCTION_OUTCOMES.filter((outcome) => outcome !== introduction.status)}
        choiceLabel={(outcome) => t(`employers.introductionStatus.${outcome}`)}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("employers.outcome.submit")}
        </Button>
      </div>
    </form>
  );
}
