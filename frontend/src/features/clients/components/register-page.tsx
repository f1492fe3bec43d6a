import { zodResolver } from "@hookform/resolvers/zod";
import { Button, TextInput } from "hds-react";
import { useMemo } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";

import { MunicipalitySelect } from "../../../components/municipality-select";
import { PageHeading } from "../../../components/page-heading";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { todayInHelsinki } from "../../../lib/format";
import { ApiError } from "../../../lib/problem";
import { useRegisterClient } from "../api/register-client";
import type { ClientCreate } from "../api/types";
import { type RegistrationForm, registrationSchema } from "../schemas";
import { errorProps } from "../../../lib/form-errors";
import { LANGUAGE_CODES } from "../../../lib/languages";
import { DateInput } from "../../../components/date-input";

const FIELDS = [
  "personal_identity_code",
  "first_names",
  "last_name",
  "email",
  "phone",
  "home_municipality",
  "languages",
  "job_search_started_on",
] as const;

function toRequest(form: RegistrationForm): ClientCreate {
  return {
    personal_identity_code: form.personal_identity_code.trim().toUpperCase(),
    first_names: form.first_names.trim(),
    last_name: form.last_name.trim(),
    email: form.email.trim() || null,
    phone: form.phone.trim() || null,
    home_municipality: form.home_municipality,
    languages: form.languages,
    job_search_started_on: form.job_search_started_on,
  };
}

/** The existing client's id from a 409 problem's ``existing`` link (``/v1/clients/{id}``). */
function existingClientId(error: ApiError): string | null {
  const link = error.problem?.existing;
  return typeof link === "string" ? (link.split("/").pop() ?? null) : null;
}

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const register = useRegisterClient();
  const schema = useMemo(() => registrationSchema(t), [t]);
  const {
    control,
    register: field,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RegistrationForm>({
    resolver: zodResolver(schema),
    defaultValues: {
      personal_identity_code: "",
      first_names: "",
      last_name: "",
      email: "",
      phone: "",
      home_municipality: "",
      languages: ["fi"],
      job_search_started_on: todayInHelsinki(),
    },
  });
  const failures = useFormErrors({ form: "register", fields: FIELDS, setError });

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    try {
      const client = await register.mutateAsync(toRequest(form));
      await navigate(`/clients/${client.id}`, { state: { registered: true } });
    } catch (error) {
      if (failures.showProblem(error)) return;
      if (error instanceof ApiError && error.status === 409) {
        const existing = existingClientId(error);
        failures.fail(
          t("register.duplicateTitle"),
          [],
          <>
            <p>{t("register.duplicateText")}</p>
            {existing ? <Link to={`/clients/${existing}`}>{t("register.openExisting")}</Link> : null}
          </>,
        );
      } else {
        failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
      }
    }
  });

  return (
    <>
      <PageHeading title={t("register.title")}>{t("register.title")}</PageHeading>
      <p>{t("register.intro")}</p>
      <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t("register.title")}>
        <ErrorSummary errors={failures} />
        <TextInput
          id="personal_identity_code"
          label={t("client.personalIdentityCode")}
          helperText={t("register.identityCodeHelp")}
          required
          autoComplete="off"
          {...errorProps(errors.personal_identity_code)}
          {...field("personal_identity_code")}
        />
        <TextInput
          id="first_names"
          label={t("client.firstNames")}
          required
          autoComplete="off"
          {...errorProps(errors.first_names)}
          {...field("first_names")}
        />
        <TextInput
          id="last_name"
          label={t("client.lastName")}
          required
          autoComplete="off"
          {...errorProps(errors.last_name)}
          {...field("last_name")}
        />
        <TextInput
          id="email"
          type="email"
          label={t("client.email")}
          autoComplete="off"
          {...errorProps(errors.email)}
          {...field("email")}
        />
        <TextInput
          id="phone"
          type="tel"
          label={t("client.phone")}
          autoComplete="off"
          {...errorProps(errors.phone)}
          {...field("phone")}
        />
        <MunicipalitySelect
          id="home_municipality"
          label={t("client.homeMunicipality")}
          noChoice={t("common.choose")}
          required
          errorText={errors.home_municipality?.message}
          {...field("home_municipality")}
        />
        <fieldset
          className={`form-fieldset${errors.languages ? " form-field--invalid" : ""}`}
          aria-describedby={errors.languages ? "languages-error" : undefined}
        >
          <legend className="form-field__label">{t("client.languages")}</legend>
          <div className="checkbox-row">
            {LANGUAGE_CODES.map((code) => (
              <label key={code} className="checkbox">
                <input type="checkbox" value={code} {...field("languages")} />
                {t(`language.${code}`)}
              </label>
            ))}
          </div>
          {errors.languages ? (
            <p id="languages-error" className="form-field__error">
              {errors.languages.message}
            </p>
          ) : null}
        </fieldset>
        <DateInput
          control={control}
          name="job_search_started_on"
          id="job_search_started_on"
          label={t("client.jobSearchStartedOn")}
          required
          {...errorProps(errors.job_search_started_on)}
        />
        <div className="form__actions">
          <Button type="submit" disabled={isSubmitting}>
            {t("register.submit")}
          </Button>
          <Link to="/clients">{t("common.cancel")}</Link>
        </div>
      </form>
    </>
  );
}
