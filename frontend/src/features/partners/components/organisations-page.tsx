import { zodResolver } from "@hookform/resolvers/zod";
import { Button, ButtonVariant, TextInput } from "hds-react";
import { useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { MunicipalityCheckboxes } from "../../../components/municipality-checkboxes";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { PageHeading } from "../../../components/page-heading";
import { SavedResult } from "../../../components/saved-result";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { useMunicipalityNames } from "../../../lib/municipalities";
import { ApiError } from "../../../lib/problem";
import { useOrganisations, useRegisterOrganisation } from "../api/organisations";
import { type OrganisationCreate, ORGANISATION_TYPES } from "../api/types";
import { type OrganisationForm, organisationSchema } from "../schemas";
import { changedBy } from "./own-services-page";

const FIELDS = ["id", "name", "type", "business_id", "email", "website", "municipalities"] as const;
const EMPTY: OrganisationForm = {
  id: "",
  name: "",
  type: "",
  business_id: "",
  email: "",
  website: "",
  municipalities: [],
  contact_name: "",
  contact_email: "",
};

function RegisterForm({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const schema = useMemo(() => organisationSchema(t), [t]);
  const registerOrganisation = useRegisterOrganisation();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    control,
    formState: { errors, isSubmitting },
  } = useForm<OrganisationForm>({ resolver: zodResolver(schema), defaultValues: EMPTY });
  const chosenMunicipalities = useWatch({ control, name: "municipalities" });
  const failures = useFormErrors<OrganisationForm>({ form: "partners.organisation", fields: FIELDS, setError });
  const submit = handleSubmit(async (values) => {
    failures.clear();
    const body: OrganisationCreate = {
      id: values.id.trim().toLowerCase(),
      name: values.name.trim(),
      type: values.type as OrganisationCreate["type"],
      business_id: values.business_id.trim(),
      email: values.email.trim() || null,
      website: values.website.trim() || null,
      municipalities: values.municipalities,
      contacts: values.contact_name.trim()
        ? [{ name: values.contact_name.trim(), email: values.contact_email.trim() || null }]
        : [],
    };
    try {
      const created = await registerOrganisation.mutateAsync(body);
      reset(EMPTY);
      onDone(t("partners.organisations.registered", { name: created.name, who: created.changed_by_name ?? "–" }));
    } catch (error) {
      if (failures.showProblem(error)) return;
      if (error instanceof ApiError && error.status === 409)
        failures.fail(t("errors.formTitle"), [t("partners.organisations.duplicate")]);
      else failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
    }
  });
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="register-org-title">
      <h2 id="register-org-title">{t("partners.organisations.register")}</h2>
      <p>{t("partners.service.requiredNote")}</p>
      <ErrorSummary errors={failures} />
      <TextInput
        id="id"
        label={t("partners.organisations.id")}
        helperText={t("partners.organisations.idHelp")}
        required
        {...errorProps(errors.id)}
        {...register("id")}
      />
      <TextInput
        id="name"
        label={t("partners.organisations.name")}
        required
        {...errorProps(errors.name)}
        {...register("name")}
      />
      <ChoiceSelect
        id="type"
        label={t("partners.organisations.type")}
        required
        errorText={errors.type?.message}
        {...register("type")}
        noChoice={t("common.choose")}
        choices={ORGANISATION_TYPES}
        choiceLabel={(type) => t(`organisationType.${type}`)}
      />
      <TextInput
        id="business_id"
        label={t("partners.organisations.businessId")}
        helperText={t("partners.organisations.businessIdHelp")}
        required
        {...errorProps(errors.business_id)}
        {...register("business_id")}
      />
      <TextInput
        id="email"
        type="email"
        label={t("partners.organisations.email")}
        {...errorProps(errors.email)}
        {...register("email")}
      />
      <TextInput
        id="website"
        label={t("partners.organisations.website")}
        {...errorProps(errors.website)}
        {...register("website")}
      />
      <fieldset className="form-fieldset">
        <legend className="form-field__label">{t("partners.organisations.municipalities")}</legend>
        <MunicipalityCheckboxes registration={register("municipalities")} selected={chosenMunicipalities} />
      </fieldset>
      <TextInput
        id="contact_name"
        label={t("partners.organisations.contactName")}
        {...errorProps(errors.contact_name)}
        {...register("contact_name")}
      />
      <TextInput
        id="contact_email"
        type="email"
        label={t("partners.organisations.contactEmail")}
        {...errorProps(errors.contact_email)}
        {...register("contact_email")}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("partners.organisations.submit")}
        </Button>
      </div>
    </form>
  );
}

/**
 * An administrator's partner organisations: those of the network with who registered or changed each, and a form
 * to register one more (the same organisation or business id twice is refused).
 */
export function OrganisationsPage() {
  const { t } = useTranslation();
  const municipalities = useMunicipalityNames();
  const organisations = useOrganisations();
  const [done, setDone] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const title = t("partners.organisations.title");
  const items = organisations.data?.items ?? [];
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p>{t("partners.organisations.intro")}</p>
      <SavedResult>{done}</SavedResult>
      {open ? (
        <>
          <RegisterForm onDone={setDone} />
          <Button variant={ButtonVariant.Secondary} onClick={() => setOpen(false)}>
            {t("partners.organisations.close")}
          </Button>
        </>
      ) : (
        <Button onClick={() => setOpen(true)}>{t("partners.organisations.register")}</Button>
      )}
      <section aria-labelledby="organisations-title" className="page-section">
        <h2 id="organisations-title">{t("partners.organisations.listTitle")}</h2>
        {organisations.isPending ? <p>{t("app.loading")}</p> : null}
        {organisations.isError ? <p role="alert">{loadErrorMessage(t, organisations.error)}</p> : null}
        {organisations.data && !items.length ? <p>{t("partners.organisations.none")}</p> : null}
        {items.length ? (
          <div className="table-wrapper">
            <table className="data-table">
              <caption className="visually-hidden">{t("partners.organisations.listTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("partners.organisations.name")}</th>
                  <th scope="col">{t("partners.organisations.type")}</th>
                  <th scope="col">{t("partners.organisations.businessId")}</th>
                  <th scope="col">{t("partners.organisations.municipalities")}</th>
                  <th scope="col">{t("partners.organisations.changed")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((organisation) => (
                  <tr key={organisation.id}>
                    <th scope="row">{organisation.name}</th>
                    <td>{t(`organisationType.${organisation.type}`)}</td>
                    <td>{organisation.business_id}</td>
                    <td>{organisation.municipalities.map((code) => municipalities.name(code)).join(", ")}</td>
                    <td>{changedBy(t, organisation)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}
