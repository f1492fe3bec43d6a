import { zodResolver } from "@hookform/resolvers/zod";
import { Button, TextArea, TextInput } from "hds-react";
import { type ReactNode, useMemo, useState } from "react";
import { type UseFormReturn, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

import { ChoiceSelect } from "../../../components/choice-select";
import { DateInput } from "../../../components/date-input";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { MunicipalitySelect } from "../../../components/municipality-select";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { useCreateVacancy } from "../api/create-vacancy";
import { DRIVING_LICENCES, EMPLOYMENT_TYPES, VACANCY_SUPPORTS, WORKING_TIMES } from "../api/types";
import {
  EMPTY_VACANCY,
  VACANCY_FIELDS,
  type VacancyForm as VacancyFormValues,
  vacancyBody,
  vacancySchema,
} from "../schemas";

/** A group of checkboxes with its legend and its error, focusable by the error summary's link. */
function CheckboxGroup({
  id,
  name,
  legend,
  error,
  children,
}: {
  id: string;
  name: string;
  legend: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <fieldset
      id={id}
      name={name}
      tabIndex={-1}
      className={`form-fieldset${error ? " form-field--invalid" : ""}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="form-field__label">{legend}</legend>
      <div className="checkbox-row">{children}</div>
      {error ? (
        <p id={`${id}-error`} className="form-field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/**
 * Every field of a vacancy the service takes, the same for a new one and a change: titles in Finnish, Swedish and
 * English, description, ISCO-08 occupation, municipality and street address or remote, working time, employment
 * type, start and end, application deadline, the languages, driving licences and other licences required, the
 * competences it uses (ISCO-08), the requirements in words, the supports it fits and the number of positions.
 * ``idPrefix`` keeps the ids apart from another form on the page; the names are the service's, so that its field
 * errors land on them.
 */
export function VacancyFields({ form, idPrefix = "" }: { form: UseFormReturn<VacancyFormValues>; idPrefix?: string }) {
  const { t } = useTranslation();
  const {
    control,
    register,
    formState: { errors },
  } = form;
  const id = (name: string) => (idPrefix ? `${idPrefix}-${name}` : name);
  return (
    <>
      <TextInput
        id={id("title_fi")}
        label={t("employers.vacancyForm.titleFi")}
        required
        {...errorProps(errors.title_fi)}
        {...register("title_fi")}
      />
      <TextInput
        id={id("title_sv")}
        label={t("employers.vacancyForm.titleSv")}
        {...errorProps(errors.title_sv)}
        {...register("title_sv")}
      />
      <TextInput
        id={id("title_en")}
        label={t("employers.vacancyForm.titleEn")}
        {...errorProps(errors.title_en)}
        {...register("title_en")}
      />
      <TextArea
        id={id("description")}
        label={t("employers.vacancyPage.description")}
        required
        {...errorProps(errors.description)}
        {...register("description")}
      />
      <TextInput
        id={id("occupation_code")}
        label={t("employers.vacancy.occupation")}
        helperText={t("employers.vacancyForm.occupationHelp")}
        required
        inputMode="numeric"
        {...errorProps(errors.occupation_code)}
        {...register("occupation_code")}
      />
      <MunicipalitySelect
        id={id("municipality")}
        label={t("employers.field.municipality")}
        noChoice={t("employers.notGiven")}
        errorText={errors.municipality?.message}
        {...register("municipality")}
      />
      <TextInput
        id={id("address")}
        label={t("employers.vacancyForm.address")}
        helperText={t("employers.vacancyForm.addressHelp")}
        autoComplete="off"
        {...errorProps(errors.address)}
        {...register("address")}
      />
      <label className="checkbox" htmlFor={id("remote")}>
        <input id={id("remote")} type="checkbox" {...register("remote")} />
        {t("employers.vacancy.remote")}
      </label>
      <ChoiceSelect
        id={id("employment_type")}
        label={t("employers.vacancy.employmentType")}
        required
        errorText={errors.employment_type?.message}
        {...register("employment_type")}
        choices={EMPLOYMENT_TYPES}
        choiceLabel={(type) => t(`employers.employmentType.${type}`)}
      />
      <ChoiceSelect
        id={id("working_time")}
        label={t("employers.vacancyForm.workingTime")}
        required
        errorText={errors.working_time?.message}
        {...register("working_time")}
        choices={WORKING_TIMES}
        choiceLabel={(time) => t(`employers.workingTime.${time}`)}
      />
      <DateInput
        control={control}
        name="starts_on"
        id={id("starts_on")}
        label={t("employers.vacancyForm.startsOn")}
        {...errorProps(errors.starts_on)}
      />
      <DateInput
        control={control}
        name="ends_on"
        id={id("ends_on")}
        label={t("employers.vacancyForm.endsOn")}
        {...errorProps(errors.ends_on)}
      />
      <DateInput
        control={control}
        name="application_deadline"
        id={id("application_deadline")}
        label={t("employers.vacancy.deadline")}
        required
        {...errorProps(errors.application_deadline)}
      />
      <TextInput
        id={id("languages")}
        label={t("employers.vacancyForm.languages")}
        helperText={t("employers.vacancyForm.languagesHelp")}
        {...errorProps(errors.languages)}
        {...register("languages")}
      />
      <CheckboxGroup
        id={id("driving_licences")}
        name="driving_licences"
        legend={t("employers.vacancyForm.drivingLicences")}
        error={errors.driving_licences?.message}
      >
        {DRIVING_LICENCES.map((licence) => (
          <label key={licence} className="checkbox">
            <input type="checkbox" value={licence} {...register("driving_licences")} />
            {t("employers.vacancyForm.licenceClass", { licence })}
          </label>
        ))}
      </CheckboxGroup>
      <TextInput
        id={id("other_licences")}
        label={t("employers.vacancyForm.otherLicences")}
        helperText={t("employers.vacancyForm.otherLicencesHelp")}
        {...errorProps(errors.other_licences)}
        {...register("other_licences")}
      />
      <TextInput
        id={id("competences")}
        label={t("employers.vacancyForm.competences")}
        helperText={t("employers.vacancyForm.competencesHelp")}
        {...errorProps(errors.competences)}
        {...register("competences")}
      />
      <TextArea
        id={id("requirements")}
        label={t("employers.vacancyForm.requirements")}
        {...errorProps(errors.requirements)}
        {...register("requirements")}
      />
      <CheckboxGroup
        id={id("supports")}
        name="supports"
        legend={t("employers.vacancy.support")}
        error={errors.supports?.message}
      >
        {VACANCY_SUPPORTS.map((support) => (
          <label key={support} className="checkbox">
            <input type="checkbox" value={support} {...register("supports")} />
            {t(`employers.support.${support}`)}
          </label>
        ))}
      </CheckboxGroup>
      <TextInput
        id={id("positions")}
        type="number"
        min={1}
        max={1000}
        label={t("employers.vacancyForm.positions")}
        {...errorProps(errors.positions)}
        {...register("positions")}
      />
    </>
  );
}

/** Records a vacancy of the employer; it starts as a draft, published from its own page. */
export function VacancyForm({ employerId }: { employerId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateVacancy();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const schema = useMemo(() => vacancySchema(t), [t]);
  const form = useForm<VacancyFormValues>({ resolver: zodResolver(schema), defaultValues: EMPTY_VACANCY });
  const failures = useFormErrors({ form: "employers.vacancyForm", fields: VACANCY_FIELDS, setError: form.setError });

  const onSubmit = form.handleSubmit(async (values) => {
    failures.clear();
    try {
      const vacancy = await create.mutateAsync({
        body: { employer_id: employerId, ...vacancyBody(values) },
        idempotencyKey,
      });
      await navigate(`/vacancies/${vacancy.id}`);
    } catch (error) {
      if (failures.showProblem(error)) return;
      failures.fail(t("errors.formTitle"), [loadErrorMessage(t, error)]);
    }
  });

  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="vacancy-form-heading">
      <h3 id="vacancy-form-heading">{t("employers.vacancyForm.title")}</h3>
      <ErrorSummary errors={failures} />
      <VacancyFields form={form} />
      <div className="form__actions">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {t("employers.vacancyForm.submit")}
        </Button>
      </div>
    </form>
  );
}
