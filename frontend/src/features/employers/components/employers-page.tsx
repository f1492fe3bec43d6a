import { zodResolver } from "@hookform/resolvers/zod";
import { Button, TextInput } from "hds-react";
import { type FormEvent, useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";

import { MunicipalitiesLoaded } from "../../../components/municipalities-loaded";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { PageHeading } from "../../../components/page-heading";
import { SelectField } from "../../../components/select-field";
import { ErrorAlert } from "../../../components/status-message";
import { loadErrorMessage } from "../../../lib/form-errors";
import { useMunicipalityNames } from "../../../lib/municipalities";
import { ApiError } from "../../../lib/problem";
import { useCreateEmployer } from "../api/create-employer";
import { type EmployerSearch, useEmployers } from "../api/list-employers";
import { INDUSTRY_MAIN_CLASSES } from "../api/types";
import { EMPLOYER_FIELDS, type EmployerForm, employerBody, employerSchema, emptyEmployer } from "../schemas";
import { EmployerFields } from "./employer-fields";
import { type Me, useActedBy } from "./people";

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
      <RegisterEmployer me={me} />
    </>
  );
}

function EmployerList({ me }: { me?: Me }) {
  const { t } = useTranslation();
  const municipalities = useMunicipalityNames();
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
        <MunicipalitiesLoaded>
          <SelectField
            id="search-municipality"
            name="municipality"
            label={t("employers.field.municipality")}
            defaultValue={search.municipality}
          >
            <option value="">{t("common.all")}</option>
            {municipalities.list.map((municipality) => (
              <option key={municipality.code} value={municipality.code}>
                {municipalities.name(municipality.code)}
              </option>
            ))}
          </SelectField>
        </MunicipalitiesLoaded>
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
                  <td>{employer.municipalities.map((code) => municipalities.name(code)).join(", ")}</td>
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

function RegisterEmployer({ me }: { me?: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateEmployer();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const schema = useMemo(() => employerSchema(t), [t]);
  const form = useForm<EmployerForm>({
    resolver: zodResolver(schema),
    defaultValues: emptyEmployer(me?.subject ?? ""),
  });
  const {
    handleSubmit,
    setError,
    formState: { isSubmitting },
  } = form;
  const failures = useFormErrors({ form: "employers.form", fields: EMPLOYER_FIELDS, setError });

  const onSubmit = handleSubmit(async (values) => {
    failures.clear();
    try {
      const employer = await create.mutateAsync({ body: employerBody(values), idempotencyKey });
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
                {t("employers.form.openExisting", { name: existing.name ?? values.business_id })}
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
        <EmployerFields form={form} me={me} />
        <div className="form__actions">
          <Button type="submit" disabled={isSubmitting}>
            {t("employers.form.submit")}
          </Button>
        </div>
      </form>
    </section>
  );
}
