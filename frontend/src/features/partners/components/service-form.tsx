import { zodResolver } from "@hookform/resolvers/zod";
import { Button, ButtonVariant, TextArea, TextInput } from "hds-react";
import { useEffect, useMemo, useRef } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { MunicipalityCheckboxes } from "../../../components/municipality-checkboxes";
import { ErrorSummary, type FormErrors, useFormErrors } from "../../../components/form";
import { SelectField } from "../../../components/select-field";
import { errorProps } from "../../../lib/form-errors";
import { LANGUAGE_CODES } from "../../../lib/languages";
import {
  ACTIVATING_SERVICE_TYPES,
  CAPACITY_PERIODS,
  CHANNELS,
  type OrganisationRead,
  PRODUCTION_MODELS,
  SERVICE_STATUSES,
  type ServiceRead,
  TARGET_GROUPS,
} from "../api/types";
import { SERVICE_FIELDS, type ServiceForm, serviceSchema, serviceToForm } from "../schemas";

export interface ServiceFormProps {
  /** The service edited, or null for a new one. */
  service: ServiceRead | null;
  /** An administrator publishes for one of the network's partners: the partners to choose from. */
  organisations?: OrganisationRead[];
  saving: boolean;
  onSave: (values: ServiceForm, failures: FormErrors) => void;
  onCancel: () => void;
}

/**
 * A service of the directory as its maintainer writes it: names and descriptions in Finnish and Swedish (English
 * optional), for whom and where, how, how many and how soon the partner answers a referral.
 */
export function ServiceEditor({ service, organisations, saving, onSave, onCancel }: ServiceFormProps) {
  const { t } = useTranslation();
  const schema = useMemo(() => serviceSchema(t), [t]);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors },
  } = useForm<ServiceForm>({ resolver: zodResolver(schema), defaultValues: serviceToForm(service) });
  const chosenMunicipalities = useWatch({ control, name: "municipalities" });
  const failures = useFormErrors<ServiceForm>({ form: "partners.service", fields: SERVICE_FIELDS, setError });
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  const submit = handleSubmit((values) => {
    failures.clear();
    if (organisations && !service && !values.organisation_id) {
      setError("organisation_id", { type: "required", message: t("errors.code.missing") });
      return;
    }
    onSave(values, failures);
  });
  const field = (name: keyof ServiceForm, label: string, options: { required?: boolean; help?: string } = {}) => (
    <TextInput
      id={`service-${name}`}
      label={label}
      required={options.required}
      helperText={options.help}
      {...errorProps(errors[name])}
      {...register(name)}
    />
  );
  const area = (name: keyof ServiceForm, label: string, required = false) => (
    <TextArea
      id={`service-${name}`}
      label={label}
      required={required}
      {...errorProps(errors[name])}
      {...register(name)}
    />
  );
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="service-editor-title">
      <h3 id="service-editor-title" tabIndex={-1} ref={title}>
        {service
          ? t("partners.service.editTitle", { name: service.name_fi, version: service.version })
          : t("partners.service.createTitle")}
      </h3>
      <p>{t("partners.service.requiredNote")}</p>
      <ErrorSummary errors={failures} />
      {organisations && !service ? (
        <SelectField
          id="organisation_id"
          label={t("partners.service.organisation")}
          required
          errorText={errors.organisation_id?.message}
          {...register("organisation_id")}
        >
          <option value="">{t("common.choose")}</option>
          {organisations.map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {organisation.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      {field("name_fi", t("partners.service.nameFi"), { required: true })}
      {field("name_sv", t("partners.service.nameSv"), { required: true })}
      {field("name_en", t("partners.service.nameEn"))}
      {area("description_fi", t("partners.service.descriptionFi"), true)}
      {area("description_sv", t("partners.service.descriptionSv"), true)}
      {area("description_en", t("partners.service.descriptionEn"))}
      <div className="repeat-row">
        {field("minimum_age", t("partners.service.minimumAge"))}
        {field("maximum_age", t("partners.service.maximumAge"))}
      </div>
      <fieldset className="form-fieldset">
        <legend className="form-field__label">{t("directory.targetGroup")}</legend>
        {TARGET_GROUPS.map((group) => (
          <label key={group} className="checkbox">
            <input type="checkbox" value={group} {...register("target_groups")} />
            {t(`serviceTargetGroup.${group}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="form-fieldset">
        <legend className="form-field__label">{t("partners.service.municipalities")}</legend>
        <MunicipalityCheckboxes registration={register("municipalities")} selected={chosenMunicipalities} />
      </fieldset>
      <fieldset className="form-fieldset" aria-describedby={errors.languages ? "service-languages-error" : undefined}>
        <legend className="form-field__label">
          {t("directory.languages")}
          <span aria-hidden="true"> *</span>
        </legend>
        {LANGUAGE_CODES.map((code) => (
          <label key={code} className="checkbox">
            <input type="checkbox" value={code} {...register("languages")} />
            {t(`language.${code}`)}
          </label>
        ))}
        {errors.languages ? (
          <p id="service-languages-error" className="form-field__error">
            {errors.languages.message}
          </p>
        ) : null}
      </fieldset>
      <ChoiceSelect
        id="service-channel"
        label={t("directory.channel")}
        required
        {...register("channel")}
        choices={CHANNELS}
        choiceLabel={(channel) => t(`serviceChannel.${channel}`)}
      />
      {field("street_address", t("partners.service.streetAddress"))}
      <div className="repeat-row">
        {field("postal_code", t("partners.service.postalCode"))}
        {field("city", t("partners.service.city"))}
      </div>
      <div className="repeat-row">
        {field("capacity_seats", t("partners.service.capacitySeats"))}
        <ChoiceSelect
          id="service-capacity-period"
          label={t("partners.service.capacityPeriod")}
          {...register("capacity_period")}
          choices={CAPACITY_PERIODS}
          choiceLabel={(period) => t(`partners.period.${period}`)}
        />
      </div>
      <ChoiceSelect
        id="service-production-model"
        label={t("directory.productionModel")}
        required
        errorText={errors.production_model?.message}
        {...register("production_model")}
        noChoice={t("common.choose")}
        choices={PRODUCTION_MODELS}
        choiceLabel={(model) => t(`productionModel.${model}`)}
      />
      <ChoiceSelect
        id="service-activating-type"
        label={t("partners.service.activatingType")}
        {...register("activating_service_type")}
        noChoice={t("partners.service.notActivating")}
        choices={ACTIVATING_SERVICE_TYPES}
        choiceLabel={(type) => t(`episodes.type.${type}`)}
      />
      <ChoiceSelect
        id="service-status"
        label={t("partners.service.status")}
        required
        {...register("status")}
        choices={SERVICE_STATUSES}
        choiceLabel={(status) => t(`partners.status.${status}`)}
      />
      {field("response_days", t("partners.service.responseDays"), {
        required: true,
        help: t("partners.service.responseDaysHelp"),
      })}
      <div className="form__actions">
        <Button type="submit" disabled={saving}>
          {service ? t("partners.service.save") : t("partners.service.publish")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
