import { zodResolver } from "@hookform/resolvers/zod";
import { Button, TextInput } from "hds-react";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";

import { ChoiceSelect } from "../../../components/choice-select";
import { FilterForm } from "../../../components/filter-form";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { MunicipalitySelect } from "../../../components/municipality-select";
import { PageHeading } from "../../../components/page-heading";
import { ErrorAlert } from "../../../components/status-message";
import { useFilterDraft } from "../../../components/use-filter-draft";
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

const FILTERS = ["name", "industry", "municipality"] as const;

function searchOf(params: URLSearchParams): EmployerSearch {
  const search: EmployerSearch = {};
  for (const key of FILTERS) {
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
  const filters = useFilterDraft(FILTERS);
  const employers = useEmployers(searchOf(filters.params));

  return (
    <section aria-labelledby="employers-search-heading">
      <h2 id="employers-search-heading">{t("employers.search.title")}</h2>
      <FilterForm
        labelledBy="employers-search-heading"
        submitLabel={t("employers.search.submit")}
        onFilter={filters.apply}
      >
        <TextInput id="search-name" name="name" label={t("employers.search.name")} {...filters.field("name")} />
        <ChoiceSelect
          id="search-industry"
          name="industry"
          label={t("employers.field.industry")}
          noChoice={t("common.all")}
          choices={INDUSTRY_MAIN_CLASSES}
          choiceLabel={(code) => `${code} ${t(`employers.industry.${code}`)}`}
          {...filters.field("industry")}
        />
        <MunicipalitySelect
          id="search-municipality"
          name="municipality"
          label={t("employers.field.municipality")}
          noChoice={t("common.all")}
          {...filters.field("municipality")}
        />
      </FilterForm>
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
