import { Button, TextInput } from "hds-react";
import { type FormEvent, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";

import { ErrorSummary, useFormErrors } from "../../../components/form";
import { PageHeading } from "../../../components/page-heading";
import { SelectField } from "../../../components/select-field";
import { ErrorAlert } from "../../../components/status-message";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { MUNICIPALITIES, municipalityName } from "../../../lib/municipalities";
import { ApiError } from "../../../lib/problem";
import { useCreateEmployer } from "../api/create-employer";
import { type EmployerSearch, useEmployers } from "../api/list-employers";
import { INDUSTRY_MAIN_CLASSES } from "../api/types";
import { type Me, useActedBy } from "./people";

const FIELDS = ["business_id", "name", "industry_code", "municipalities"] as const;

interface RegistrationForm {
  business_id: string;
  name: string;
  industry_code: string;
  municipalities: string[];
  consents_to_contact: boolean;
  network_member: boolean;
}

/** The existing employer's id from a 409 problem's ``existing`` link (``/v1/employers/{id}``). */
function existingEmployer(error: ApiError): { id: string; name: string | null } | null {
  const link = error.problem?.existing;
  if (typeof link !== "string") return null;
  const id = link.split("/").pop();
  const name = error.problem?.existing_name;
  return id ? { id, name: typeof name === "string" ? name : null } : null;
}

function searchOf(params: URLSearchParams): EmployerSearch {
  const search: EmployerSearch = {};
  for (const key of ["name", "industry", "municipality"] as const) {
    const value = params.get(key);
    if (value) search[key] = value;
  }
  return search;
}

/** Employer services' register of employers: a search kept in the address, and a form to register one. */
export function EmployersPage({ me }: { me?: Me }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t("employers.register.title")}>{t("employers.register.title")}</PageHeading>
      <EmployerList me={me} />
      <RegisterEmployer />
    </>
  );
}

function EmployerList({ me }: { me?: Me }) {
  const { t, i18n } = useTranslation();
  const actedBy = useActedBy(me);
  const [params, setParams] = useSearchParams();
  const search = searchOf(params);
  const employers = useEmployers(search);

  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of ["name", "industry", "municipality"]) {
      const entry = form.get(key);
      const value = typeof entry === "string" ? entry.trim() : "";
      if (value) next.set(key, value);
    }
    setParams(next);
  };

  return (
    <section aria-labelledby="employers-search-heading">
      <h2 id="employers-search-heading">{t("employers.search.title")}</h2>
      <form className="form form--inline" role="search" onSubmit={onSearch} key={params.toString()}>
        <TextInput id="search-name" name="name" label={t("employers.search.name")} defaultValue={search.name} />
        <SelectField
          id="search-industry"
          name="industry"
          label={t("employers.field.industry")}
          defaultValue={search.industry}
        >
          <option value="">{t("common.all")}</option>
          {INDUSTRY_MAIN_CLASSES.map((code) => (
            <option key={code} value={code}>
              {code} {t(`employers.industry.${code}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="search-municipality"
          name="municipality"
          label={t("employers.field.municipality")}
          defaultValue={search.municipality}
        >
          <option value="">{t("common.all")}</option>
          {MUNICIPALITIES.map((municipality) => (
            <option key={municipality.code} value={municipality.code}>
              {municipalityName(municipality.code, i18n.language)}
            </option>
          ))}
        </SelectField>
        <div className="form__actions">
          <Button type="submit">{t("employers.search.submit")}</Button>
        </div>
      </form>
      {employers.isError ? (
        <ErrorAlert title={loadErrorMessage(t, employers.error)} />
      ) : employers.data ? (
        employers.data.items.length ? (
          <table className="table">
            <caption>{t("employers.search.results", { count: employers.data.items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("employers.field.name")}</th>
                <th scope="col">{t("employers.field.businessId")}</th>
                <th scope="col">{t("employers.field.industry")}</th>
                <th scope="col">{t("employers.field.municipalities")}</th>
                <th scope="col">{t("employers.field.registered")}</th>
              </tr>
            </thead>
            <tbody>
              {employers.data.items.map((employer) => (
                <tr key={employer.id}>
                  <td>
                    <Link to={`/employers/${employer.id}`}>{employer.name}</Link>
                  </td>
                  <td>{employer.business_id}</td>
                  <td>
                    {employer.industry_main_class} {t(`employers.industry.${employer.industry_main_class}`)}
                  </td>
                  <td>{employer.municipalities.map((code) => municipalityName(code, i18n.language)).join(", ")}</td>
                  <td>
                    {actedBy(employer.created_by, employer.created_by_name, employer.created_by_organisation_name)}
                    {employer.changed_by || employer.changed_by_name ? (
                      <>
                        {" "}
                        <br />
                        {t("employers.acted.changedByShort", {
                          by: actedBy(
                            employer.changed_by,
                            employer.changed_by_name,
                            employer.changed_by_organisation_name,
                          ),
                        })}
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p role="status">{t("employers.search.none")}</p>
        )
      ) : (
        <p role="status">{t("employers.loading")}</p>
      )}
    </section>
  );
}

function RegisterEmployer() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateEmployer();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const {
    register: field,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RegistrationForm>({
    defaultValues: {
      business_id: "",
      name: "",
      industry_code: "",
      municipalities: [],
      consents_to_contact: false,
      network_member: false,
    },
  });
  const failures = useFormErrors({ form: "employers.form", fields: FIELDS, setError });
  const required = { required: t("errors.code.missing") };

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    try {
      const employer = await create.mutateAsync({
        body: {
          business_id: form.business_id.trim(),
          name: form.name.trim(),
          industry_code: form.industry_code.trim(),
          municipalities: form.municipalities,
          consents_to_contact: form.consents_to_contact,
          network_member: form.network_member,
        },
        idempotencyKey,
      });
      await navigate(`/employers/${employer.id}`);
    } catch (error) {
      if (failures.showProblem(error)) return;
      if (error instanceof ApiError && error.status === 409) {
        const existing = existingEmployer(error);
        failures.fail(
          t("employers.form.duplicateTitle"),
          [],
          <>
            <p>{t("employers.form.duplicateText")}</p>
            {existing ? (
              <Link to={`/employers/${existing.id}`}>
                {t("employers.form.openExisting", { name: existing.name ?? form.business_id })}
              </Link>
            ) : null}
          </>,
        );
      } else {
        failures.fail(t("errors.formTitle"), [loadErrorMessage(t, error)]);
      }
    }
  });

  return (
    <section aria-labelledby="employers-register-heading">
      <h2 id="employers-register-heading">{t("employers.form.title")}</h2>
      <form
        className="form"
        onSubmit={(event) => void onSubmit(event)}
        noValidate
        aria-labelledby="employers-register-heading"
      >
        <ErrorSummary errors={failures} />
        <TextInput
          id="business_id"
          label={t("employers.field.businessId")}
          helperText={t("employers.form.businessIdHelp")}
          required
          autoComplete="off"
          {...errorProps(errors.business_id)}
          {...field("business_id", required)}
        />
        <TextInput
          id="name"
          label={t("employers.field.name")}
          required
          autoComplete="organization"
          {...errorProps(errors.name)}
          {...field("name", required)}
        />
        <TextInput
          id="industry_code"
          label={t("employers.field.industryCode")}
          helperText={t("employers.form.industryCodeHelp")}
          required
          autoComplete="off"
          {...errorProps(errors.industry_code)}
          {...field("industry_code", required)}
        />
        <fieldset
          className={`form-fieldset${errors.municipalities ? " form-field--invalid" : ""}`}
          aria-describedby={errors.municipalities ? "municipalities-error" : undefined}
        >
          <legend className="form-field__label">{t("employers.field.municipalities")}</legend>
          <div className="checkbox-row">
            {MUNICIPALITIES.map((municipality) => (
              <label key={municipality.code} className="checkbox">
                <input type="checkbox" value={municipality.code} {...field("municipalities")} />
                {municipalityName(municipality.code, i18n.language)}
              </label>
            ))}
          </div>
          {errors.municipalities ? (
            <p id="municipalities-error" className="form-field__error">
              {errors.municipalities.message}
            </p>
          ) : null}
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" {...field("consents_to_contact")} />
          {t("employers.field.consentsToContact")}
        </label>
        <label className="checkbox">
          <input type="checkbox" {...field("network_member")} />
          {t("employers.field.networkMember")}
        </label>
        <div className="form__actions">
          <Button type="submit" disabled={isSubmitting}>
            {t("employers.form.submit")}
          </Button>
        </div>
      </form>
    </section>
  );
}
