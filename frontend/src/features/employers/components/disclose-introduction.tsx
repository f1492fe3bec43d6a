import { Button, ButtonVariant } from "hds-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";

import { ErrorSummary, useFormErrors } from "../../../components/form";
import { StatusMessage } from "../../../components/status-message";
import { loadErrorMessage } from "../../../lib/form-errors";
import { ApiError } from "../../../lib/problem";
import { useDiscloseIntroduction } from "../api/disclose-introduction";
import type { IntroductionRead } from "../api/types";
import { missingCategories } from "./introduction-form";

/**
 * Discloses an anonymous introduction (*nimettömän esittelyn muuttaminen nimelliseksi*): the employer may be given
 * the client's name and contact details once the client's consent covers them. The service checks the consent; when
 * it does not cover them yet, this says which data categories it lacks.
 */
export function DiscloseIntroduction({ introduction, label }: { introduction: IntroductionRead; label: string }) {
  const { t } = useTranslation();
  const disclose = useDiscloseIntroduction();
  const failures = useFormErrors({ form: "employers.disclose" });
  const [done, setDone] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    failures.clear();
    setDone(null);
    try {
      await disclose.mutateAsync(introduction);
      setDone(t("employers.disclose.done"));
    } catch (error) {
      if (failures.showProblem(error)) return;
      if (error instanceof ApiError && error.status === 409 && error.slug === "consent-missing") {
        failures.fail(
          t("employers.disclose.consentMissingTitle"),
          [],
          <>
            <p>{t("employers.disclose.consentMissingText")}</p>
            <ul>
              {missingCategories(error).map((category) => (
                <li key={category}>{t(`dataCategory.${category}`, { defaultValue: category })}</li>
              ))}
            </ul>
            <p>{t("employers.disclose.askConsent")}</p>
          </>,
        );
      } else if (error instanceof ApiError && error.status === 412) {
        failures.fail(t("employers.disclose.conflict"), [t("employers.outcome.stale")]);
      } else if (error instanceof ApiError && error.status === 409) {
        failures.fail(t("employers.disclose.conflict"), [error.problem?.title ?? ""]);
      } else {
        failures.fail(t("errors.formTitle"), [loadErrorMessage(t, error)]);
      }
    }
  };

  return (
    <form className="form form--inline" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={label}>
      <ErrorSummary errors={failures} />
      <p>{t("employers.disclose.help")}</p>
      <div className="form__actions">
        <Button type="submit" variant={ButtonVariant.Secondary} disabled={disclose.isPending}>
          {t("employers.disclose.submit")}
        </Button>
      </div>
      <StatusMessage>{done}</StatusMessage>
    </form>
  );
}
