import { Button, TextArea, TextInput } from "hds-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

import { ErrorSummary, useFormErrors } from "../../../components/form";
import { SelectField } from "../../../components/select-field";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { MUNICIPALITIES, municipalityName } from "../../../lib/municipalities";
import { useCreateVacancy } from "../api/create-vacancy";
import {
  EMPLOYMENT_TYPES,
  type EmploymentType,
  VACANCY_SUPPORTS,
  type VacancySupport,
  WORKING_TIMES,
} from "../api/types";
import { DateInput } from "../../../components/date-input";

const FIELDS = [
  "title_fi",
  "title_sv",
  "title_en",
  "description",
  "occupation_code",
  "municipality",
  "employment_type",
  "working_time",
  "starts_on",
  "ends_on",
  "application_deadline",
  "languages",
  "supports",
  "positions",
] as const;

interface VacancyForm {
  title_fi: string;
  title_sv: string;
  title_en: string;
  description: string;
  occupation_code: string;
  municipality: string;
  remote: boolean;
  employment_type: EmploymentType;
  working_time: "full_time" | "part_time";
  starts_on: string;
  ends_on: string;
  application_deadline: string;
  languages: string;
  supports: VacancySupport[];
  positions: string;
}

/** Records a vacancy of the employer; it starts as a draft, published from its own page. */
export function VacancyForm({ employerId }: { employerId: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateVacancy();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<VacancyForm>({
    defaultValues: {
      title_fi: "",
      title_sv: "",
      title_en: "",
      description: "",
      occupation_code: "",
      municipality: "",
      remote: false,
      employment_type: "permanent",
      working_time: "full_time",
      starts_on: "",
      ends_on: "",
      application_deadline: "",
      languages: "fi",
      supports: [],
      positions: "1",
    },
  });
  const failures = useFormErrors({ form: "employers.vacancyForm", fields: FIELDS, setError });
  const required = { required: t("errors.code.missing") };

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    try {
      const vacancy = await create.mutateAsync({
        body: {
          employer_id: employerId,
          title_fi: form.title_fi.trim(),
          title_sv: form.title_sv.trim() || null,
          title_en: form.title_en.trim() || null,
          description: form.description.trim(),
          occupation_code: form.occupation_code.trim(),
          municipality: form.municipality || null,
          remote: form.remote,
          employment_type: form.employment_type,
          working_time: form.working_time,
          starts_on: form.starts_on || null,
          ends_on: form.ends_on || null,
          application_deadline: form.application_deadline,
          languages: form.languages
            .split(/[\s,]+/)
            .map((code) => code.trim().toLowerCase())
            .filter(Boolean),
          supports: form.supports,
          positions: Number(form.positions) || 1,
        },
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
      <TextInput
        id="title_fi"
        label={t("employers.vacancyForm.titleFi")}
        required
        {...errorProps(errors.title_fi)}
        {...register("title_fi", required)}
      />
      <TextInput
        id="title_sv"
        label={t("employers.vacancyForm.titleSv")}
        {...errorProps(errors.title_sv)}
        {...register("title_sv")}
      />
      <TextInput
        id="title_en"
        label={t("employers.vacancyForm.titleEn")}
        {...errorProps(errors.title_en)}
        {...register("title_en")}
      />
      <TextArea
        id="description"
        label={t("employers.vacancyPage.description")}
        required
        {...errorProps(errors.description)}
        {...register("description", required)}
      />
      <TextInput
        id="occupation_code"
        label={t("employers.vacancy.occupation")}
        helperText={t("employers.vacancyForm.occupationHelp")}
        required
        inputMode="numeric"
        {...errorProps(errors.occupation_code)}
        {...register("occupation_code", required)}
      />
      <SelectField
        id="municipality"
        label={t("employers.field.municipality")}
        errorText={errors.municipality?.message}
        {...register("municipality")}
      >
        <option value="">{t("employers.notGiven")}</option>
        {MUNICIPALITIES.map((municipality) => (
          <option key={municipality.code} value={municipality.code}>
            {municipalityName(municipality.code, i18n.language)}
          </option>
        ))}
      </SelectField>
      <label className="checkbox" htmlFor="remote">
        <input id="remote" type="checkbox" {...register("remote")} />
        {t("employers.vacancy.remote")}
      </label>
      <SelectField
        id="employment_type"
        label={t("employers.vacancy.employmentType")}
        required
        {...register("employment_type")}
      >
        {EMPLOYMENT_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`employers.employmentType.${type}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="working_time"
        label={t("employers.vacancyForm.workingTime")}
        required
        {...register("working_time")}
      >
        {WORKING_TIMES.map((time) => (
          <option key={time} value={time}>
            {t(`employers.workingTime.${time}`)}
          </option>
        ))}
      </SelectField>
      <DateInput
        control={control}
        name="starts_on"
        id="starts_on"
        label={t("employers.vacancyForm.startsOn")}
        {...errorProps(errors.starts_on)}
      />
      <DateInput
        control={control}
        name="ends_on"
        id="ends_on"
        label={t("employers.vacancyForm.endsOn")}
        {...errorProps(errors.ends_on)}
      />
      <DateInput
        control={control}
        name="application_deadline"
        id="application_deadline"
        label={t("employers.vacancy.deadline")}
        required
        {...errorProps(errors.application_deadline)}
      />
      <TextInput
        id="languages"
        label={t("employers.vacancyForm.languages")}
        helperText={t("employers.vacancyForm.languagesHelp")}
        {...errorProps(errors.languages)}
        {...register("languages")}
      />
      <fieldset className="form-fieldset">
        <legend className="form-field__label">{t("employers.vacancy.support")}</legend>
        <div className="checkbox-row">
          {VACANCY_SUPPORTS.map((support) => (
            <label key={support} className="checkbox">
              <input type="checkbox" value={support} {...register("supports")} />
              {t(`employers.support.${support}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <TextInput
        id="positions"
        type="number"
        min={1}
        label={t("employers.vacancyForm.positions")}
        {...errorProps(errors.positions)}
        {...register("positions")}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("employers.vacancyForm.submit")}
        </Button>
      </div>
    </form>
  );
}
