import { zodResolver } from "@hookform/resolvers/zod";
import { Button, ButtonVariant, TextInput } from "hds-react";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ErrorSummary, useFormErrors } from "../../../components/form";
import { FormOnRequestRegion, useFormOnRequest } from "../../../components/form-on-request";
import { SelectField } from "../../../components/select-field";
import { ErrorAlert, StatusMessage } from "../../../components/status-message";
import { formatDate, todayInHelsinki } from "../../../lib/format";
import { useConsents } from "../api/get-consents";
import { useGiveConsent } from "../api/give-consent";
import { DATA_CATEGORIES } from "../api/types";
import { useEmployerRecipients } from "../api/list-employer-recipients";
import { useWithdrawConsent } from "../api/withdraw-consent";
import { organisationName, PARTNER_ORGANISATIONS } from "../organisations";
import { type ConsentForm, consentSchema } from "../schemas";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { DateInput } from "../../../components/date-input";

const FIELDS = ["recipient_organisation_id", "categories", "purpose", "valid_from", "valid_until"] as const;

interface GiveConsentProps {
  clientId: string;
  onDone: (message: string, consentId: string) => void;
  onCancel: () => void;
}

function GiveConsent({ clientId, onDone, onCancel }: GiveConsentProps) {
  const { t } = useTranslation();
  const give = useGiveConsent(clientId);
  const employers = useEmployerRecipients();
  const recipientName = (id: string) =>
    employers.data?.find((employer) => employer.id === id)?.name ?? organisationName(id);
  const schema = useMemo(() => consentSchema(t), [t]);
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ConsentForm>({
    resolver: zodResolver(schema),
    defaultValues: {
      recipient_organisation_id: "",
      categories: [],
      purpose: "",
      valid_from: todayInHelsinki(),
      valid_until: "",
    },
  });
  const failures = useFormErrors({ form: "consent", fields: FIELDS, setError });

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    try {
      const given = await give.mutateAsync({
        recipient_organisation_id: form.recipient_organisation_id,
        categories: form.categories,
        purpose: form.purpose.trim(),
        valid_from: form.valid_from,
        valid_until: form.valid_until || null,
      });
      onDone(t("consent.given", { organisation: recipientName(form.recipient_organisation_id) }), given.id);
    } catch (error) {
      if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
    }
  });

  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="give-consent-title">
      <h3 id="give-consent-title" tabIndex={-1}>
        {t("consent.give")}
      </h3>
      <ErrorSummary errors={failures} />
      <SelectField
        id="consent-recipient"
        label={t("consent.recipient")}
        required
        errorText={errors.recipient_organisation_id?.message}
        {...register("recipient_organisation_id")}
      >
        <option value="">{t("common.choose")}</option>
        <optgroup label={t("consent.partners")}>
          {PARTNER_ORGANISATIONS.map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {organisation.name}
            </option>
          ))}
        </optgroup>
        {employers.data?.length ? (
          <optgroup label={t("consent.employers")}>
            {employers.data.map((employer) => (
              <option key={employer.id} value={employer.id}>
                {employer.name}
              </option>
            ))}
          </optgroup>
        ) : null}
      </SelectField>
      <fieldset
        className={`form-fieldset${errors.categories ? " form-field--invalid" : ""}`}
        aria-describedby={errors.categories ? "consent-categories-error" : undefined}
      >
        <legend className="form-field__label">
          {t("consent.categories")}
          <span aria-hidden="true"> *</span>
        </legend>
        <div className="checkbox-row">
          {DATA_CATEGORIES.map((category) => (
            <label key={category} className="checkbox">
              <input type="checkbox" value={category} {...register("categories")} />
              {t(`dataCategory.${category}`)}
            </label>
          ))}
        </div>
        {errors.categories ? (
          <p id="consent-categories-error" className="form-field__error">
            {errors.categories.message}
          </p>
        ) : null}
      </fieldset>
      <TextInput
        id="consent-purpose"
        label={t("consent.purpose")}
        helperText={t("consent.purposeHelp")}
        required
        {...errorProps(errors.purpose)}
        {...register("purpose")}
      />
      <DateInput
        control={control}
        name="valid_from"
        id="consent-valid-from"
        label={t("consent.validFrom")}
        required
        {...errorProps(errors.valid_from)}
      />
      <DateInput
        control={control}
        name="valid_until"
        id="consent-valid-until"
        label={t("consent.validUntil")}
        helperText={t("consent.validUntilHelp")}
        {...errorProps(errors.valid_until)}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("consent.save")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

export function ConsentsSection({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const consents = useConsents(clientId);
  const withdraw = useWithdrawConsent(clientId);
  const employers = useEmployerRecipients();
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Saved, the form closes and the consent just given takes focus once the list shows it.
  const form = useFormOnRequest("give-consent", {
    onOpen: () => {
      setMessage(null);
      setFailure(null);
    },
  });

  const onWithdraw = (consentId: string, organisation: string) => {
    setMessage(null);
    setFailure(null);
    withdraw.mutate(consentId, {
      onSuccess: () => {
        setMessage(t("consent.withdrawn", { organisation }));
        // The button is gone with the consent in force; the section heading keeps the keyboard user in place.
        requestAnimationFrame(() => document.getElementById("consents-title")?.focus());
      },
      onError: () => setFailure(t("errors.unexpected")),
    });
  };

  return (
    <section id="consents" aria-labelledby="consents-title" className="page-section">
      <h2 id="consents-title" tabIndex={-1}>
        {t("consent.title")}
      </h2>
      {consents.isPending ? <p>{t("app.loading")}</p> : null}
      {consents.isError ? <p role="alert">{loadErrorMessage(t, consents.error)}</p> : null}
      {failure ? <ErrorAlert title={failure} /> : null}
      <StatusMessage>{message}</StatusMessage>
      {consents.data && consents.data.length === 0 ? <p>{t("consent.none")}</p> : null}
      {consents.data?.length ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption className="visually-hidden">{t("consent.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("consent.recipient")}</th>
                <th scope="col">{t("consent.categories")}</th>
                <th scope="col">{t("consent.purpose")}</th>
                <th scope="col">{t("consent.validity")}</th>
                <th scope="col">{t("consent.state")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("consent.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {consents.data.map((consent) => {
                const organisation =
                  employers.data?.find((employer) => employer.id === consent.recipient_organisation_id)?.name ??
                  organisationName(consent.recipient_organisation_id);
                return (
                  <tr key={consent.id}>
                    <th scope="row" id={`consent-${consent.id}`} tabIndex={-1}>
                      {organisation}
                    </th>
                    <td>{consent.categories.map((category) => t(`dataCategory.${category}`)).join(", ")}</td>
                    <td>{consent.purpose}</td>
                    <td>
                      {formatDate(consent.valid_from)} – {consent.valid_until ? formatDate(consent.valid_until) : ""}
                    </td>
                    <td>
                      {consent.withdrawn_at
                        ? t("consent.withdrawnOn", { date: formatDate(consent.withdrawn_at) })
                        : consent.in_force
                          ? t("consent.inForce")
                          : t("consent.notInForce")}
                    </td>
                    <td>
                      {!consent.withdrawn_at ? (
                        <Button
                          variant={ButtonVariant.Secondary}
                          aria-label={t("consent.withdrawLabel", { organisation })}
                          onClick={() => onWithdraw(consent.id, organisation)}
                          disabled={withdraw.isPending}
                        >
                          {t("consent.withdraw")}
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <FormOnRequestRegion form={form} label={t("consent.open")}>
        <GiveConsent
          clientId={clientId}
          onDone={(done, consentId) => {
            setMessage(done);
            form.saved(`consent-${consentId}`);
          }}
          onCancel={form.cancel}
        />
      </FormOnRequestRegion>
    </section>
  );
}
