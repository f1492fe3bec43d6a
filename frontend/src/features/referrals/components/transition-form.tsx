import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { Button, TextArea } from "hds-react";
import { useMemo } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { SelectField } from "../../../components/select-field";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { ApiError } from "../../../lib/problem";
import { errorProps } from "../../../lib/form-errors";
import { useTransitionReferral } from "../api/transition-referral";
import { OUTCOMES, type ReferralRead, type ReferralStatus } from "../api/types";
import { type TransitionForm as TransitionFormValues, transitionSchema } from "../schemas";
import { referralKeys } from "../api/query-keys";

const FIELDS = ["status", "reason", "outcome", "note"] as const;

/**
 * The moves the lifecycle offers the viewer now. Rejecting needs a reason and completing an outcome; a move the
 * service refuses (someone else moved the referral meanwhile) is explained with the moves open now.
 */
export function TransitionForm({
  referral,
  onDone,
}: {
  referral: ReferralRead;
  onDone: (status: ReferralStatus) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const move = useTransitionReferral(referral.id);
  // The service says which moves the viewer may make now; the form offers those, in its order.
  const moves = referral.allowed_transitions ?? [];
  const schema = useMemo(() => transitionSchema(t), [t]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<TransitionFormValues>({
    resolver: zodResolver(schema),
    defaultValues: { status: "", reason: "", outcome: "", note: "" },
  });
  const status = useWatch({ control, name: "status" });
  const failures = useFormErrors({ form: "transition", fields: FIELDS, setError });
  const showFailure = failures.fail;

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    const to = form.status as ReferralStatus;
    try {
      await move.mutateAsync({
        status: to,
        reason: form.reason || null,
        outcome: to === "completed" && form.outcome ? form.outcome : null,
        note: form.note || null,
      });
      reset();
      onDone(to);
    } catch (error) {
      if (failures.showProblem(error)) {
        // Shown next to the fields and in the summary.
      } else if (error instanceof ApiError && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: referralKeys.detail(referral.id) });
        const allowed = (error.problem?.allowed as ReferralStatus[] | undefined) ?? [];
        const current = error.problem?.current as ReferralStatus | undefined;
        showFailure(t("transition.illegal"), [
          ...(current ? [t("transition.currentIs", { status: t(`referralStatus.${current}`) })] : []),
          allowed.length
            ? t("transition.allowedAre", { moves: allowed.map((to) => t(`transition.move.${to}`)).join(", ") })
            : t("transition.noneAllowed"),
        ]);
      } else {
        showFailure(t("errors.unexpected"), []);
      }
    }
  });

  if (moves.length === 0) return <p>{t("transition.noMoves")}</p>;

  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="transition-title">
      <h3 id="transition-title">{t("transition.title")}</h3>
      <ErrorSummary errors={failures} />
      <fieldset
        className={`form-fieldset${errors.status ? " form-field--invalid" : ""}`}
        aria-describedby={errors.status ? "transition-status-error" : undefined}
      >
        <legend className="form-field__label">
          {t("transition.move.legend")}
          <span aria-hidden="true"> *</span>
        </legend>
        {moves.map((to) => (
          <label key={to} className="checkbox">
            <input type="radio" value={to} {...register("status")} />
            {t(`transition.move.${to}`)}
          </label>
        ))}
        {errors.status ? (
          <p id="transition-status-error" className="form-field__error">
            {errors.status.message}
          </p>
        ) : null}
      </fieldset>
      {status === "completed" ? (
        <SelectField
          id="transition-outcome"
          label={t("transition.outcome")}
          required
          errorText={errors.outcome?.message}
          {...register("outcome")}
        >
          <option value="">{t("common.choose")}</option>
          {OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {t(`outcome.${outcome}`)}
            </option>
          ))}
        </SelectField>
      ) : null}
      {status === "rejected" || status === "cancelled" ? (
        <TextArea
          id="transition-reason"
          label={t("transition.reason")}
          helperText={status === "rejected" ? t("transition.reasonHelp") : undefined}
          required={status === "rejected"}
          {...errorProps(errors.reason)}
          {...register("reason")}
        />
      ) : null}
      <TextArea id="transition-note" label={t("transition.note")} {...errorProps(errors.note)} {...register("note")} />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("transition.save")}
        </Button>
      </div>
    </form>
  );
}
