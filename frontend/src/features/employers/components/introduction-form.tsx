import { Button } from "hds-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ErrorSummary, useFormErrors } from "../../../components/form";
import { StatusMessage } from "../../../components/status-message";
import { loadErrorMessage } from "../../../lib/form-errors";
import { ApiError } from "../../../lib/problem";
import { useCreateIntroduction } from "../api/create-introduction";

/** The data categories a 409 ``consent-missing`` names, as the problem document carries them. */
export function missingCategories(error: ApiError): string[] {
  const missing = error.problem?.missing_categories;
  return Array.isArray(missing) ? missing.filter((item): item is string => typeof item === "string") : [];
}

/**
 * Employer services introduce a candidate to the vacancy's employer (*esittely*), named or anonymous. The service
 * checks the client's consent; when it does not cover the introduction, the form says which data categories the
 * consent lacks for this employer, and that an anonymous introduction needs the employment profile only.
 */
export function IntroductionForm({
  vacancyId,
  clientId,
  employerName,
  label,
}: {
  vacancyId: string;
  clientId: string;
  employerName: string;
  label: string;
}) {
  const { t } = useTranslation();
  const create = useCreateIntroduction();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [made, setMade] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { isSubmitting },
  } = useForm<{ anonymous: boolean }>({ defaultValues: { anonymous: false } });
  const failures = useFormErrors({ form: "employers.introduce" });
  const id = `introduce-${vacancyId}-${clientId}`;

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    setMade(null);
    try {
      await create.mutateAsync({
        body: { vacancy_id: vacancyId, client_id: clientId, anonymous: form.anonymous },
        idempotencyKey,
      });
      setIdempotencyKey(crypto.randomUUID());
      setMade(form.anonymous ? t("employers.introduce.madeAnonymous") : t("employers.introduce.made"));
    } catch (error) {
      if (failures.showProblem(error)) return;
      if (error instanceof ApiError && error.status === 409 && error.slug === "consent-missing") {
        const missing = missingCategories(error);
        failures.fail(
          t("employers.introduce.consentMissingTitle"),
          [],
          <>
            <p>{t("employers.introduce.consentMissingText", { employer: employerName })}</p>
            <ul>
              {missing.map((category) => (
                <li key={category}>{t(`dataCategory.${category}`, { defaultValue: category })}</li>
              ))}
            </ul>
            <p>{form.anonymous ? t("employers.introduce.askConsent") : t("employers.introduce.tryAnonymous")}</p>
          </>,
        );
      } else if (error instanceof ApiError && error.status === 409) {
        failures.fail(t("employers.introduce.conflict"), [error.problem?.title ?? ""]);
      } else {
        failures.fail(t("errors.formTitle"), [loadErrorMessage(t, error)]);
      }
    }
  });

  return (
    <form className="form form--inline" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={label}>
      <ErrorSummary errors={failures} />
      <label className="checkbox" htmlFor={`${id}-anonymous`}>
        <input id={`${id}-anonymous`} type="checkbox" {...register("anonymous")} />
        {t("employers.introduce.anonymous")}
      </label>
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("employers.introduce.submit")}
        </Button>
      </div>
      <StatusMessage>{made}</StatusMessage>
    </form>
  );
}
