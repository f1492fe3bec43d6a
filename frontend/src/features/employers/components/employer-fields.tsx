import { Button, ButtonSize, ButtonVariant, TextInput } from "hds-react";
import { type UseFormReturn, useFieldArray, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { MunicipalityCheckboxes } from "../../../components/municipality-checkboxes";
import { SelectField } from "../../../components/select-field";
import { errorProps } from "../../../lib/form-errors";
import { STAFF_READERS, useStaff } from "../api/list-staff";
import { SIZE_CLASSES } from "../api/types";
import { type EmployerForm, emptyContactPerson } from "../schemas";
import { type Me, usePersonName } from "./people";

/** A group's error next to it: a fieldset's own message, or the first of its rows' messages from the service. */
function GroupError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="form-field__error">
      {message}
    </p>
  ) : null;
}

/**
 * The fields of an employer, the same in the register's form and the employer page's edit form: Y-tunnus, name,
 * TOL 2008 industry code, size class, the municipalities of its workplaces (308 boxes, narrowed by a name filter),
 * its contact people with their roles (rows added and removed), the account manager (the signed-in worker first,
 * then the employer services the service has seen, by name, and the manager saved now), the consent to be contacted
 * and the membership of the employer network. ``idPrefix`` keeps the ids apart from other
 * forms on the page; the fields' names are the service's, so its field errors land on them.
 */
export function EmployerFields({
  form,
  me,
  currentManager,
  currentManagerName,
  idPrefix = "",
}: {
  form: UseFormReturn<EmployerForm>;
  me?: Me;
  /** The account manager saved now, offered beside the signed-in worker. */
  currentManager?: string | null;
  /** Their name as the service knows it. */
  currentManagerName?: string | null;
  idPrefix?: string;
}) {
  const { t } = useTranslation();
  const nameOf = usePersonName(me);
  const staff = useStaff(me?.roles?.some((role) => STAFF_READERS.includes(role)) ?? false);
  const {
    register,
    control,
    formState: { errors },
  } = form;
  const people = useFieldArray({ control, name: "contact_people" });
  const id = (name: string) => (idPrefix ? `${idPrefix}-${name}` : name);
  const chosenMunicipalities = useWatch({ control, name: "municipalities" });
  // The signed-in worker first, then the colleagues by name (in the service's order), then the one saved now.
  const managers = new Map<string, string>();
  if (me?.subject) managers.set(me.subject, t("employers.form.accountManagerMe", { name: nameOf(me.subject) }));
  for (const person of staff.data ?? []) {
    if (!managers.has(person.subject)) managers.set(person.subject, person.name ?? person.subject);
  }
  if (currentManager && !managers.has(currentManager)) {
    managers.set(currentManager, currentManagerName ?? nameOf(currentManager));
  }
  const peopleError = errors.contact_people?.message ?? errors.contact_people?.root?.message;

  return (
    <>
      <TextInput
        id={id("business_id")}
        label={t("employers.field.businessId")}
        helperText={t("employers.form.businessIdHelp")}
        required
        autoComplete="off"
        {...errorProps(errors.business_id)}
        {...register("business_id")}
      />
      <TextInput
        id={id("name")}
        label={t("employers.field.name")}
        required
        autoComplete="organization"
        {...errorProps(errors.name)}
        {...register("name")}
      />
      <TextInput
        id={id("industry_code")}
        label={t("employers.field.industryCode")}
        helperText={t("employers.form.industryCodeHelp")}
        required
        inputMode="numeric"
        autoComplete="off"
        {...errorProps(errors.industry_code)}
        {...register("industry_code")}
      />
      <ChoiceSelect
        id={id("size_class")}
        label={t("employers.field.sizeClass")}
        errorText={errors.size_class?.message}
        {...register("size_class")}
        noChoice={t("employers.notGiven")}
        choices={SIZE_CLASSES}
        choiceLabel={(size) => t(`employers.sizeClass.${size}`)}
      />
      <fieldset
        id={id("municipalities")}
        tabIndex={-1}
        className={`form-fieldset${errors.municipalities ? " form-field--invalid" : ""}`}
        aria-describedby={errors.municipalities ? id("municipalities-error") : undefined}
      >
        <legend className="form-field__label">{t("employers.field.municipalities")}</legend>
        <MunicipalityCheckboxes registration={register("municipalities")} selected={chosenMunicipalities} />
        <GroupError id={id("municipalities-error")} message={errors.municipalities?.message} />
      </fieldset>
      <fieldset
        id={id("contact_people")}
        name="contact_people"
        tabIndex={-1}
        className={`form-fieldset${peopleError ? " form-field--invalid" : ""}`}
        aria-describedby={peopleError ? id("contact_people-error") : undefined}
      >
        <legend className="form-field__label">{t("employers.page.contactPeople")}</legend>
        {people.fields.length === 0 ? <p className="form-help">{t("employers.form.noContactPeople")}</p> : null}
        {people.fields.map((row, index) => {
          const rowErrors = errors.contact_people?.[index];
          const rowId = (name: string) => id(`contact_people-${index}-${name}`);
          return (
            <fieldset key={row.id} className="form-fieldset">
              <legend className="form-field__label">{t("employers.form.contactPerson", { number: index + 1 })}</legend>
              <TextInput
                id={rowId("name")}
                label={t("employers.form.personName")}
                required
                autoComplete="off"
                {...errorProps(rowErrors?.name)}
                {...register(`contact_people.${index}.name`)}
              />
              <TextInput
                id={rowId("role")}
                label={t("employers.form.personRole")}
                autoComplete="off"
                {...errorProps(rowErrors?.role)}
                {...register(`contact_people.${index}.role`)}
              />
              <TextInput
                id={rowId("phone")}
                label={t("employers.form.personPhone")}
                type="tel"
                autoComplete="off"
                {...errorProps(rowErrors?.phone)}
                {...register(`contact_people.${index}.phone`)}
              />
              <TextInput
                id={rowId("email")}
                label={t("employers.form.personEmail")}
                type="email"
                autoComplete="off"
                {...errorProps(rowErrors?.email)}
                {...register(`contact_people.${index}.email`)}
              />
              <div className="form__actions">
                <Button
                  variant={ButtonVariant.Secondary}
                  size={ButtonSize.Small}
                  onClick={() => people.remove(index)}
                  aria-label={t("employers.form.removePersonNamed", {
                    number: index + 1,
                    name: form.getValues(`contact_people.${index}.name`) || "",
                  })}
                >
                  {t("employers.form.removePerson")}
                </Button>
              </div>
            </fieldset>
          );
        })}
        <div className="form__actions">
          <Button
            variant={ButtonVariant.Secondary}
            size={ButtonSize.Small}
            onClick={() => {
              people.append(emptyContactPerson(), { shouldFocus: true });
            }}
          >
            {t("employers.form.addPerson")}
          </Button>
        </div>
        <GroupError id={id("contact_people-error")} message={peopleError} />
      </fieldset>
      <SelectField
        id={id("account_manager_subject")}
        label={t("employers.field.accountManager")}
        errorText={errors.account_manager_subject?.message}
        helperText={t(staff.isError ? "employers.form.accountManagerUnavailable" : "employers.form.accountManagerHelp")}
        {...register("account_manager_subject")}
      >
        <option value="">{t("employers.form.noAccountManager")}</option>
        {[...managers].map(([subject, label]) => (
          <option key={subject} value={subject}>
            {label}
          </option>
        ))}
      </SelectField>
      <label className="checkbox">
        <input type="checkbox" {...register("consents_to_contact")} />
        {t("employers.field.consentsToContact")}
      </label>
      <label className="checkbox">
        <input type="checkbox" {...register("network_member")} />
        {t("employers.field.networkMember")}
      </label>
    </>
  );
}
