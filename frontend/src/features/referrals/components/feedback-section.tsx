import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { Button, TextArea } from "hds-react";
import { useMemo, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { StatusMessage } from "../../../components/status-message";
import { errorProps } from "../../../lib/form-errors";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { ApiError } from "../../../lib/problem";
import { useGiveFeedback } from "../api/give-feedback";
import type { ReferralRead } from "../api/types";
import type { Party } from "../lifecycle";
import { FEEDBACK_SCORES, type FeedbackForm, feedbackSchema } from "../schemas";
import { referralKeys } from "../api/query-keys";

const FIELDS = ["score", "text"] as const;

function FeedbackFormView({ referral, onSaved }: { referral: ReferralRead; onSaved: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const give = useGiveFeedback(referral.id);
  const schema = useMemo(() => feedbackSchema(t), [t]);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<FeedbackForm>({
    resolver: zodResolver(schema),
    defaultValues: {
      score: referral.feedback_score ? String(referral.feedback_score) : "",
      text: referral.feedback_text ?? "",
    },
  });
  const failures = useFormErrors({ form: "referral.feedback", fields: FIELDS, setError });

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    try {
      const saved = await give.mutateAsync({ score: Number(form.score), text: form.text.trim() || null });
      reset({
        score: saved.feedback_score ? String(saved.feedback_score) : form.score,
        text: saved.feedback_text ?? "",
      });
      onSaved();
    } catch (error) {
      if (failures.showProblem(error)) {
        // Shown next to the fields and in the summary.
      } else if (error instanceof ApiError && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: referralKeys.detail(referral.id) });
        failures.fail(t("referral.feedback.notOpen"));
      } else {
        failures.fail(t("errors.unexpected"));
      }
    }
  });

  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="feedback-form-title">
      <h3 id="feedback-form-title">
        {referral.feedback_score ? t("referral.feedback.change") : t("referral.feedback.record")}
      </h3>
      <ErrorSummary errors={failures} />
      <fieldset
        className={`form-fieldset${errors.score ? " form-field--invalid" : ""}`}
        aria-describedby={errors.score ? "feedback-score-error" : "feedback-score-help"}
      >
        <legend className="form-field__label">
          {t("referral.feedback.score")}
          <span aria-hidden="true"> *</span>
        </legend>
        <p id="feedback-score-help" className="form-help">
          {t("referral.feedback.scoreHelp")}
        </p>
        <div className="checkbox-row">
          {FEEDBACK_SCORES.map((score) => (
            <label key={score} className="checkbox">
              <input type="radio" value={score} {...register("score")} />
              {t(`referral.feedback.scores.${score}`)}
            </label>
          ))}
        </div>
        {errors.score ? (
          <p id="feedback-score-error" className="form-field__error">
            {errors.score.message}
          </p>
        ) : null}
      </fieldset>
      <TextArea
        id="feedback-text"
        label={t("referral.feedback.text")}
        helperText={t("referral.feedback.textHelp")}
        {...errorProps(errors.text)}
        {...register("text")}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("referral.feedback.save")}
        </Button>
      </div>
    </form>
  );
}

/**
 * The client's feedback on a completed referral: what was recorded, and for the sender's staff (the only party
 * referrals-api lets record it) the form to record or change it.
 */
export function FeedbackSection({ referral, party }: { referral: ReferralRead; party: Party }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  if (referral.status !== "completed") return null;
  const score = referral.feedback_score;
  const onSaved = () => {
    setMessage(t("referral.feedback.saved"));
    requestAnimationFrame(() => headingRef.current?.focus());
  };
  return (
    <section aria-labelledby="feedback-title" className="page-section">
      <h2 id="feedback-title" ref={headingRef} tabIndex={-1}>
        {t("referral.feedback.title")}
      </h2>
      <StatusMessage>{message}</StatusMessage>
      {score ? (
        <dl className="summary-list">
          <dt>{t("referral.feedback.score")}</dt>
          <dd>{t(`referral.feedback.scores.${score}`, { defaultValue: String(score) })}</dd>
          <dt>{t("referral.feedback.text")}</dt>
          <dd className="note">{referral.feedback_text || t("referral.feedback.noText")}</dd>
        </dl>
      ) : (
        <p>{t("referral.feedback.none")}</p>
      )}
      {party === "sender" ? <FeedbackFormView referral={referral} onSaved={onSaved} /> : null}
    </section>
  );
}
