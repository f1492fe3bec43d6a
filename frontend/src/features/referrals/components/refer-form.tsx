import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { Button, ButtonVariant, TextArea, TextInput } from "hds-react";
import { useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ErrorSummary, useFormErrors } from "../../../components/form";
import { ApiError } from "../../../lib/problem";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { useCreateReferral } from "../api/create-referral";
import { useClientConsents } from "../api/get-client-consents";
import { useServiceSearch } from "../api/search-services";
import { useSendReferral } from "../api/send-referral";
import { useUpdateDraft } from "../api/update-draft";
import { type DataCategory, REFERRAL_DATA_CATEGORIES, type ReferralRead } from "../api/types";
import { localized } from "../lifecycle";
import { type ReferForm as ReferFormValues, referSchema } from "../schemas";
import { ConsentCheck } from "./consent-check";
import { referralKeys } from "../api/query-keys";

const FIELDS = ["service_id", "categories", "reason"] as const;

const sameDraft = (draft: ReferralRead, form: ReferFormValues) =>
  draft.service_id === form.service_id &&
  draft.reason === form.reason.trim() &&
  [...draft.categories].sort().join() === [...form.categories].sort().join();

/**
 * Refers the client to a service: pick the service from the directory, tick the data the referral carries, write
 * the reason. The consent check is shown before sending; sending drafts the referral and sends it in one go, and a
 * draft the service refused to send is kept (and sent as it is when nothing was changed).
 */
export function ReferForm({
  clientId,
  onSent,
  onCancel,
}: {
  clientId: string;
  onSent: (referral: ReferralRead) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const consents = useClientConsents(clientId);
  const [searchText, setSearchText] = useState("");
  const [searched, setSearched] = useState<string | null>(null);
  const services = useServiceSearch({ q: searched || undefined }, searched !== null);
  const found = services.data?.pages.flatMap((page) => page.items) ?? [];
  const [draft, setDraft] = useState<ReferralRead | null>(null);
  const create = useCreateReferral();
  const update = useUpdateDraft();
  const send = useSendReferral(clientId);
  const schema = useMemo(() => referSchema(t), [t]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ReferFormValues>({
    resolver: zodResolver(schema),
    defaultValues: { service_id: "", categories: [], reason: "" },
  });
  const serviceId = useWatch({ control, name: "service_id" });
  const categories = useWatch({ control, name: "categories" });
  const chosen = found.find((service) => service.id === serviceId);
  const failures = useFormErrors({ form: "refer", fields: FIELDS, setError });

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    let current = draft;
    try {
      if (current && !sameDraft(current, form)) {
        // The kept draft says something else than the form now: it is changed to say what the form says.
        current = await update.mutateAsync({
          draft: current,
          body: { service_id: form.service_id, categories: form.categories, reason: form.reason.trim() },
        });
        setDraft(current);
      }
      if (!current) {
        current = await create.mutateAsync({
          body: {
            client_id: clientId,
            service_id: form.service_id,
            categories: form.categories,
            reason: form.reason.trim(),
          },
          idempotencyKey: crypto.randomUUID(),
        });
        setDraft(current);
      }
      const sent = await send.mutateAsync(current.id);
      setDraft(null);
      reset();
      setSearched(null);
      setSearchText("");
      onSent(sent);
    } catch (error) {
      void queryClient.invalidateQueries({ queryKey: referralKeys.all });
      const draftKept = current !== null ? <p>{t("refer.draftKept")}</p> : null;
      if (failures.showProblem(error, draftKept)) {
        // Shown next to the fields and in the summary.
      } else if (error instanceof ApiError && error.slug === "consent-missing") {
        // In the order the form lists them (the service sorts them alphabetically).
        const missing = ((error.problem?.missing_categories as DataCategory[] | undefined) ?? [])
          .slice()
          .sort((a, b) => REFERRAL_DATA_CATEGORIES.indexOf(a) - REFERRAL_DATA_CATEGORIES.indexOf(b));
        void queryClient.invalidateQueries({ queryKey: referralKeys.clientConsents(clientId) });
        failures.fail(
          t("refer.consentRefused"),
          [],
          <>
            {missing.length ? (
              <p>
                {t("refer.missingCategories", {
                  categories: missing.map((category) => t(`dataCategory.${category}`)).join(", "),
                })}{" "}
                <a href="#consents">{t("refer.toConsents")}</a>
              </p>
            ) : null}
            {draftKept}
          </>,
        );
      } else if (error instanceof ApiError && error.slug === "service-not-available") {
        failures.fail(t("refer.serviceNotAvailable"), [], draftKept);
      } else {
        failures.fail(t("refer.sendFailed"), [], draftKept);
      }
    }
  });

  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="refer-title">
      <h3 id="refer-title" tabIndex={-1}>
        {t("refer.title")}
      </h3>
      <ErrorSummary errors={failures} />
      <div className="form__row">
        <TextInput
          id="refer-service-search"
          label={t("refer.serviceSearch")}
          helperText={t("refer.serviceSearchHelp")}
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              setSearched(searchText.trim());
            }
          }}
        />
        <Button type="button" onClick={() => setSearched(searchText.trim())}>
          {t("refer.searchServices")}
        </Button>
      </div>
      <fieldset
        className={`form-fieldset${errors.service_id ? " form-field--invalid" : ""}`}
        aria-describedby={errors.service_id ? "refer-service-error" : undefined}
      >
        <legend className="form-field__label">
          {t("refer.service")}
          <span aria-hidden="true"> *</span>
        </legend>
        <p role="status" className="form-help">
          {searched === null
            ? t("refer.searchFirst")
            : services.isPending
              ? t("app.loading")
              : services.isError
                ? loadErrorMessage(t, services.error)
                : t("directory.shown", { count: found.length })}
        </p>
        {found.map((service) => (
          <label key={service.id} className="checkbox">
            <input type="radio" value={service.id} {...register("service_id")} />
            {localized(service, "name", i18n.language)} ({service.organisation_name})
          </label>
        ))}
        {errors.service_id ? (
          <p id="refer-service-error" className="form-field__error">
            {errors.service_id.message}
          </p>
        ) : null}
      </fieldset>
      <fieldset
        className={`form-fieldset${errors.categories ? " form-field--invalid" : ""}`}
        aria-describedby={errors.categories ? "refer-categories-error" : undefined}
      >
        <legend className="form-field__label">
          {t("refer.categories")}
          <span aria-hidden="true"> *</span>
        </legend>
        <div className="checkbox-row">
          {REFERRAL_DATA_CATEGORIES.map((category) => (
            <label key={category} className="checkbox">
              <input type="checkbox" value={category} {...register("categories")} />
              {t(`dataCategory.${category}`)}
            </label>
          ))}
        </div>
        {errors.categories ? (
          <p id="refer-categories-error" className="form-field__error">
            {errors.categories.message}
          </p>
        ) : null}
      </fieldset>
      {chosen && consents.data ? (
        <ConsentCheck
          consents={consents.data}
          organisationId={chosen.organisation_id}
          organisationName={chosen.organisation_name}
          categories={categories}
        />
      ) : null}
      <TextArea
        id="refer-reason"
        label={t("refer.reason")}
        helperText={t("refer.reasonHelp")}
        required
        {...errorProps(errors.reason)}
        {...register("reason")}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {draft ? t("refer.sendAgain") : t("refer.send")}
        </Button>
        <Button type="button" variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
