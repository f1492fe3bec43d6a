import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { Button, ButtonVariant, TextArea, TextInput } from "hds-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { StatusMessage } from "../../../components/status-message";
import { type VersionConflict, VersionConflictAlert, versionConflictOf } from "../../../components/version-conflict";
import { formatDate, formatDateTime, todayInHelsinki } from "../../../lib/format";
import { savedBy } from "../../../lib/people";
import { ApiError } from "../../../lib/problem";
import { useAssessment } from "../api/get-assessment";
import { useAssessmentVersions } from "../api/get-assessment-versions";
import { useSaveAssessment } from "../api/save-assessment";
import { useOccupations } from "../api/search-occupations";
import {
  type AssessmentRead,
  DRIVING_LICENCES,
  EDUCATION_LEVELS,
  LANGUAGE_LEVELS,
  SERVICE_NEEDS,
  WORK_ABILITIES,
} from "../api/types";
import { LANGUAGE_CODES } from "../../../lib/languages";
import {
  ASSESSMENT_FIELDS,
  type AssessmentFormValues,
  assessmentSchema,
  assessmentToForm,
  formToAssessment,
} from "./assessment-form";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { ErrorSummary, type FormErrors, useFormErrors } from "../../../components/form";
import { useFormOnRequest } from "../../../components/form-on-request";
import { OccupationPicker, occupationLabel } from "./occupation-picker";
import { clientKeys } from "../api/query-keys";
import { DateInput } from "../../../components/date-input";

function languageName(t: TFunction, code: string): string {
  return t(`language.${code}`, { defaultValue: code });
}

/** An assessment version read-only. */
export function AssessmentView({ assessment, headingLevel }: { assessment: AssessmentRead; headingLevel: 3 | 4 }) {
  const { t, i18n } = useTranslation();
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const labels = useOccupations([
    ...new Set([
      ...assessment.occupations,
      ...assessment.work_history.map((job) => job.occupation),
      ...assessment.competences.map((competence) => competence.occupation),
    ]),
  ]);
  const none = t("assessment.none");
  return (
    <div className="plan-view">
      <dl className="summary-list">
        <dt>{t("assessment.assessedOn")}</dt>
        <dd>{formatDate(assessment.assessed_on)}</dd>
        <dt>{t("assessment.education")}</dt>
        <dd>
          {assessment.education.length
            ? assessment.education
                .map((entry) =>
                  [t(`educationLevel.${entry.level}`), entry.qualification, entry.completed_year]
                    .filter(Boolean)
                    .join(", "),
                )
                .join("; ")
            : none}
        </dd>
        <dt>{t("assessment.occupations")}</dt>
        <dd>
          {assessment.occupations.length
            ? assessment.occupations.map((code) => occupationLabel(code, labels.get(code), i18n.language)).join("; ")
            : none}
        </dd>
        {assessment.competences.length ? (
          <>
            <dt>{t("assessment.competences")}</dt>
            <dd>
              {assessment.competences
                .map((competence) =>
                  [
                    occupationLabel(competence.occupation, labels.get(competence.occupation), i18n.language),
                    competence.description,
                  ]
                    .filter(Boolean)
                    .join(": "),
                )
                .join("; ")}
            </dd>
          </>
        ) : null}
        <dt>{t("assessment.languages")}</dt>
        <dd>
          {assessment.languages.length
            ? assessment.languages
                .map((skill) => `${languageName(t, skill.language)} (${t(`languageLevel.${skill.level}`)})`)
                .join(", ")
            : none}
        </dd>
        <dt>{t("assessment.drivingLicences")}</dt>
        <dd>{assessment.driving_licences.join(", ") || none}</dd>
        <dt>{t("assessment.serviceNeeds")}</dt>
        <dd>{assessment.service_needs.map((need) => t(`serviceNeed.${need}`)).join(", ") || none}</dd>
        <dt>{t("assessment.supplementaryInterviews")}</dt>
        <dd>
          {assessment.supplementary_interviews
            ? t("assessment.supplementaryCount", { count: assessment.supplementary_interviews })
            : t("assessment.noSupplementary")}
        </dd>
        <dt>{t("assessment.workAbility")}</dt>
        <dd>
          {t(`workAbility.${assessment.work_ability}`)}
          {assessment.work_ability_description ? ` – ${assessment.work_ability_description}` : ""}
        </dd>
        <dt>{t("assessment.integrationPeriod")}</dt>
        <dd>
          {assessment.integration_period
            ? `${formatDate(assessment.integration_period.starts_on)}–${formatDate(assessment.integration_period.ends_on)}`
            : none}
        </dd>
      </dl>
      <Heading>{t("assessment.workHistory")}</Heading>
      {assessment.work_history.length ? (
        <ul>
          {assessment.work_history.map((job, index) => (
            <li key={index}>
              {[
                job.title,
                job.employer,
                `${formatDate(job.started_on)}–${formatDate(job.ended_on)}`,
                occupationLabel(job.occupation, labels.get(job.occupation), i18n.language),
              ]
                .filter(Boolean)
                .join(", ")}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("assessment.noWorkHistory")}</p>
      )}
    </div>
  );
}

/** Health and social notes: special-category data the service gives only to the client's coach and team. */
function SpecialNotes({ assessment, me }: { assessment: AssessmentRead; me?: string }) {
  const { t } = useTranslation();
  if (assessment.special_category_hidden) return <p className="form-help">{t("assessment.notesHidden")}</p>;
  const notes = assessment.special_category;
  if (!notes) return null;
  return (
    <section aria-labelledby="assessment-notes-title">
      <h3 id="assessment-notes-title">{t("assessment.notes")}</h3>
      <p>
        {t("assessment.notesRecorded", {
          at: formatDateTime(notes.recorded_at),
          by: savedBy(t, notes.recorded_by, me),
        })}
      </p>
      <dl className="summary-list">
        <dt>{t("assessment.health")}</dt>
        <dd>{notes.health || t("assessment.none")}</dd>
        <dt>{t("assessment.social")}</dt>
        <dd>{notes.social || t("assessment.none")}</dd>
      </dl>
    </section>
  );
}

interface EditorProps {
  initial: AssessmentRead | null;
  withNotes: boolean;
  saving: boolean;
  /** Saves; a failure other than a lost version is shown in the editor through ``failures``. */
  onSave: (values: AssessmentFormValues, failures: FormErrors) => void;
  onCancel: () => void;
}

function AssessmentEditor({ initial, withNotes, saving, onSave, onCancel }: EditorProps) {
  const { t } = useTranslation();
  const schema = useMemo(() => assessmentSchema(t), [t]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitted },
  } = useForm<AssessmentFormValues>({
    resolver: zodResolver(schema),
    defaultValues: assessmentToForm(initial, todayInHelsinki()),
  });
  const education = useFieldArray({ control, name: "education" });
  const occupations = useFieldArray({ control, name: "occupations" });
  const jobs = useFieldArray({ control, name: "work_history" });
  const competences = useFieldArray({ control, name: "competences" });
  const competenceRows = useWatch({ control, name: "competences" });
  const languages = useFieldArray({ control, name: "languages" });
  const partial = useWatch({ control, name: "work_ability" }) === "partial";
  const workHistory = useWatch({ control, name: "work_history" });
  const title = useRef<HTMLHeadingElement>(null);
  // The editor takes focus when it opens (also when a newer version is loaded into it).
  useEffect(() => title.current?.focus(), []);

  const failures = useFormErrors({ form: "assessment", fields: ASSESSMENT_FIELDS, setError });

  const submit = handleSubmit((values) => {
    failures.clear();
    onSave(values, failures);
  });
  return (
    <form
      className="form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="assessment-editor-title"
    >
      <h3 id="assessment-editor-title" tabIndex={-1} ref={title}>
        {initial ? t("assessment.editTitle", { version: initial.version }) : t("assessment.createTitle")}
      </h3>
      <ErrorSummary errors={failures} />
      <DateInput
        control={control}
        name="assessed_on"
        id="assessment-assessed-on"
        label={t("assessment.assessedOn")}
        required
        {...errorProps(errors.assessed_on)}
      />
      <fieldset className="form-fieldset">
        <legend className="form-field__label">{t("assessment.education")}</legend>
        {education.fields.map((entry, index) => (
          <div key={entry.id} className="repeat-row">
            <ChoiceSelect
              id={`assessment-education-${index}-level`}
              label={t("assessment.educationLevel", { number: index + 1 })}
              {...register(`education.${index}.level`)}
              choices={EDUCATION_LEVELS}
              choiceLabel={(level) => t(`educationLevel.${level}`)}
            />
            <TextInput
              id={`assessment-education-${index}-qualification`}
              label={t("assessment.qualification", { number: index + 1 })}
              {...register(`education.${index}.qualification`)}
            />
            <TextInput
              id={`assessment-education-${index}-year`}
              inputMode="numeric"
              label={t("assessment.completedYear", { number: index + 1 })}
              {...errorProps(errors.education?.[index]?.completed_year)}
              {...register(`education.${index}.completed_year`)}
            />
            <Button variant={ButtonVariant.Secondary} onClick={() => education.remove(index)}>
              {t("assessment.removeEducation", { number: index + 1 })}
            </Button>
          </div>
        ))}
        <Button
          variant={ButtonVariant.Secondary}
          onClick={() =>
            education.append({ level: "upper_secondary_vocational", qualification: "", completed_year: "" })
          }
        >
          {t("assessment.addEducation")}
        </Button>
      </fieldset>
      <fieldset className="form-fieldset">
        <legend className="form-field__label">{t("assessment.workHistory")}</legend>
        {jobs.fields.map((job, index) => (
          <div key={job.id} className="form-fieldset">
            <div className="repeat-row">
              <TextInput
                id={`assessment-job-${index}-title`}
                label={t("assessment.jobTitle", { number: index + 1 })}
                required
                {...errorProps(errors.work_history?.[index]?.title)}
                {...register(`work_history.${index}.title`)}
              />
              <TextInput
                id={`assessment-job-${index}-employer`}
                label={t("assessment.jobEmployer", { number: index + 1 })}
                {...register(`work_history.${index}.employer`)}
              />
              <DateInput
                control={control}
                name={`work_history.${index}.started_on`}
                id={`assessment-job-${index}-started`}
                label={t("assessment.jobStarted", { number: index + 1 })}
                required
                {...errorProps(errors.work_history?.[index]?.started_on)}
              />
              <DateInput
                control={control}
                name={`work_history.${index}.ended_on`}
                id={`assessment-job-${index}-ended`}
                label={t("assessment.jobEnded", { number: index + 1 })}
                {...errorProps(errors.work_history?.[index]?.ended_on)}
              />
            </div>
            <OccupationPicker
              id={`assessment-job-${index}-occupation`}
              legend={t("assessment.jobOccupation", { number: index + 1 })}
              searchLabel={t("assessment.jobOccupationSearch", { number: index + 1 })}
              single
              selected={workHistory[index]?.occupation ? [workHistory[index].occupation] : []}
              onAdd={(code) => setValue(`work_history.${index}.occupation`, code, { shouldValidate: isSubmitted })}
              onRemove={() => setValue(`work_history.${index}.occupation`, "")}
              errorText={errors.work_history?.[index]?.occupation?.message}
            />
            <Button variant={ButtonVariant.Secondary} onClick={() => jobs.remove(index)}>
              {t("assessment.removeJob", { number: index + 1 })}
            </Button>
          </div>
        ))}
        <Button
          variant={ButtonVariant.Secondary}
          onClick={() => jobs.append({ occupation: "", title: "", employer: "", started_on: "", ended_on: "" })}
        >
          {t("assessment.addJob")}
        </Button>
      </fieldset>
      <OccupationPicker
        id="assessment-occupation"
        selected={occupations.fields.map((entry) => entry.code)}
        onAdd={(code) => occupations.append({ code })}
        onRemove={(index) => occupations.remove(index)}
        errorText={errors.occupations?.message ?? errors.occupations?.root?.message}
      />
      <fieldset className="form-fieldset">
        <legend className="form-field__label">{t("assessment.competences")}</legend>
        <p>{t("assessment.competencesHelp")}</p>
        {competences.fields.map((competence, index) => (
          <div key={competence.id} className="form-fieldset">
            <OccupationPicker
              id={`assessment-competence-${index}-occupation`}
              legend={t("assessment.competenceOccupation", { number: index + 1 })}
              searchLabel={t("assessment.competenceOccupationSearch", { number: index + 1 })}
              single
              selected={competenceRows[index]?.occupation ? [competenceRows[index].occupation] : []}
              onAdd={(code) => setValue(`competences.${index}.occupation`, code, { shouldValidate: isSubmitted })}
              onRemove={() => setValue(`competences.${index}.occupation`, "")}
              errorText={errors.competences?.[index]?.occupation?.message}
            />
            <TextInput
              id={`assessment-competence-${index}-description`}
              label={t("assessment.competenceDescription", { number: index + 1 })}
              helperText={t("assessment.competenceDescriptionHelp")}
              {...errorProps(errors.competences?.[index]?.description)}
              {...register(`competences.${index}.description`)}
            />
            <Button variant={ButtonVariant.Secondary} onClick={() => competences.remove(index)}>
              {t("assessment.removeCompetence", { number: index + 1 })}
            </Button>
          </div>
        ))}
        <Button
          variant={ButtonVariant.Secondary}
          onClick={() => competences.append({ occupation: "", description: "" })}
        >
          {t("assessment.addCompetence")}
        </Button>
      </fieldset>
      <fieldset className="form-fieldset">
        <legend className="form-field__label">{t("assessment.languages")}</legend>
        {languages.fields.map((entry, index) => (
          <div key={entry.id} className="repeat-row">
            <ChoiceSelect
              id={`assessment-language-${index}`}
              label={t("assessment.languageLabel", { number: index + 1 })}
              {...register(`languages.${index}.language`)}
              choices={LANGUAGE_CODES}
              choiceLabel={(code) => languageName(t, code)}
            />
            <ChoiceSelect
              id={`assessment-language-${index}-level`}
              label={t("assessment.languageLevel", { number: index + 1 })}
              {...register(`languages.${index}.level`)}
              choices={LANGUAGE_LEVELS}
              choiceLabel={(level) => t(`languageLevel.${level}`)}
            />
            <Button variant={ButtonVariant.Secondary} onClick={() => languages.remove(index)}>
              {t("assessment.removeLanguage", { number: index + 1 })}
            </Button>
          </div>
        ))}
        <Button variant={ButtonVariant.Secondary} onClick={() => languages.append({ language: "fi", level: "B1" })}>
          {t("assessment.addLanguage")}
        </Button>
      </fieldset>
      <fieldset className="form-fieldset">
        <legend className="form-field__label">{t("assessment.drivingLicences")}</legend>
        <div className="checkbox-row">
          {DRIVING_LICENCES.map((licence) => (
            <label key={licence} className="checkbox">
              <input type="checkbox" value={licence} {...register("driving_licences")} />
              {licence}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="form-fieldset">
        <legend className="form-field__label">{t("assessment.serviceNeeds")}</legend>
        {SERVICE_NEEDS.map((need) => (
          <label key={need} className="checkbox">
            <input type="checkbox" value={need} {...register("service_needs")} />
            {t(`serviceNeed.${need}`)}
          </label>
        ))}
      </fieldset>
      <ChoiceSelect
        id="assessment-work-ability"
        label={t("assessment.workAbility")}
        required
        {...register("work_ability")}
        choices={WORK_ABILITIES}
        choiceLabel={(ability) => t(`workAbility.${ability}`)}
      />
      <TextArea
        id="assessment-work-ability-description"
        label={t("assessment.workAbilityDescription")}
        helperText={t("assessment.workAbilityDescriptionHelp")}
        required={partial}
        {...errorProps(errors.work_ability_description)}
        {...register("work_ability_description")}
      />
      <fieldset className="form-fieldset">
        <legend className="form-field__label">{t("assessment.integrationPeriod")}</legend>
        <p className="form-help">{t("assessment.integrationHelp")}</p>
        <DateInput
          control={control}
          name="integration_starts_on"
          id="assessment-integration-starts"
          label={t("assessment.integrationStarts")}
        />
        <DateInput
          control={control}
          name="integration_ends_on"
          id="assessment-integration-ends"
          label={t("assessment.integrationEnds")}
          {...errorProps(errors.integration_ends_on)}
        />
      </fieldset>
      {withNotes ? (
        <fieldset className="form-fieldset">
          <legend className="form-field__label">{t("assessment.notes")}</legend>
          <p className="form-help">{t("assessment.notesHelp")}</p>
          <TextArea
            id="assessment-health"
            label={t("assessment.health")}
            {...errorProps(errors.health)}
            {...register("health")}
          />
          <TextArea
            id="assessment-social"
            label={t("assessment.social")}
            {...errorProps(errors.social)}
            {...register("social")}
          />
        </fieldset>
      ) : null}
      <div className="form__actions">
        <Button type="submit" disabled={saving}>
          {t("assessment.save")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

function Versions({ clientId, me }: { clientId: string; me?: string }) {
  const { t } = useTranslation();
  const versions = useAssessmentVersions(clientId);
  if (!versions.data?.length) return null;
  return (
    <section aria-labelledby="assessment-versions-title">
      <h3 id="assessment-versions-title">{t("assessment.versions")}</h3>
      <ul className="plain-list plain-list--bare">
        {[...versions.data].reverse().map((version) => (
          <li key={version.version}>
            <details>
              <summary>
                {t("plan.versionLine", {
                  version: version.version,
                  at: formatDateTime(version.created_at),
                  by: savedBy(t, version.created_by, me, version.created_by_name),
                })}
              </summary>
              <AssessmentView assessment={version} headingLevel={4} />
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface Editing {
  etag: string | null;
  base: AssessmentRead | null;
  key: string;
}

/**
 * The initial assessment (*alkuarviointi*): the current version, an editor that saves a new version with If-Match,
 * and the history. A save after someone else's is answered 412 (428 when both started a first one) and shown like
 * the plan's conflict, with the newer version one click away.
 */
export function AssessmentSection({ clientId, me }: { clientId: string; me?: string }) {
  const { t } = useTranslation();
  const current = useAssessment(clientId);
  const save = useSaveAssessment(clientId);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [conflict, setConflict] = useState<VersionConflict | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const form = useFormOnRequest("assessment-editor");

  const startEditing = (base: AssessmentRead | null, etag: string | null) => {
    setMessage(null);
    setEditing({ etag, base, key: `${base?.version ?? 0}-${Date.now()}` });
    form.open();
  };
  const stopEditing = () => {
    setEditing(null);
    setConflict(null);
    form.cancel();
  };

  const onSave = (values: AssessmentFormValues, failures: FormErrors) => {
    if (!editing) return;
    setConflict(null);
    const withNotes = Boolean(editing.base?.special_category);
    save.mutate(
      { body: formToAssessment(values, editing.base, withNotes), etag: editing.etag },
      {
        onSuccess: (saved) => {
          setEditing(null);
          setMessage(t("assessment.saved", { version: saved.assessment?.version }));
          form.saved(saved.assessment ? `assessment-version-${saved.assessment.version}` : null);
        },
        onError: (error) => {
          const lost = versionConflictOf(error);
          if (lost) {
            setConflict(lost);
          } else if (error instanceof ApiError && error.slug === "special-category-forbidden") {
            failures.fail(t("assessment.notesForbidden"));
          } else if (failures.showProblem(error)) {
            // A 422 next to the fields and in the editor's summary; a 403 or 401 said as it is.
          } else {
            failures.fail(t("errors.unexpected"));
          }
        },
      },
    );
  };

  const editLatest = async () => {
    const result = await current.refetch();
    if (result.data) startEditing(result.data.assessment, result.data.etag);
    return result.data;
  };

  const loadNewer = async () => {
    setConflict(null);
    void queryClient.invalidateQueries({ queryKey: clientKeys.assessmentVersions(clientId) });
    const latest = await editLatest();
    if (latest) setMessage(t("plan.newerLoaded", { version: latest.assessment?.version }));
  };

  const assessment = current.data?.assessment ?? null;
  return (
    <section id="assessment" aria-labelledby="assessment-title" className="page-section">
      <h2 id="assessment-title">{t("assessment.title")}</h2>
      {current.isPending ? <p>{t("app.loading")}</p> : null}
      {current.isError ? <p role="alert">{loadErrorMessage(t, current.error)}</p> : null}
      {conflict ? (
        <VersionConflictAlert
          conflict={conflict}
          text={(version) =>
            version === null ? t("assessment.conflictTextUnknown") : t("assessment.conflictText", { version })
          }
          onLoadNewer={() => void loadNewer()}
        />
      ) : null}
      <StatusMessage>{message}</StatusMessage>
      {current.data && !editing ? (
        assessment ? (
          <>
            <p id={`assessment-version-${assessment.version}`} tabIndex={-1}>
              {t("plan.currentVersion", {
                version: assessment.version,
                at: formatDateTime(assessment.created_at),
                by: savedBy(t, assessment.created_by, me, assessment.created_by_name),
              })}
            </p>
            <AssessmentView assessment={assessment} headingLevel={3} />
            <SpecialNotes assessment={assessment} me={me} />
          </>
        ) : (
          <p>{t("assessment.noneYet")}</p>
        )
      ) : null}
      {current.data ? (
        <Button {...form.buttonProps} onClick={form.isOpen ? stopEditing : () => void editLatest()}>
          {assessment ? t("assessment.edit") : t("assessment.create")}
        </Button>
      ) : null}
      <div {...form.regionProps}>
        {editing && form.isOpen ? (
          <AssessmentEditor
            key={editing.key}
            initial={editing.base}
            withNotes={Boolean(editing.base?.special_category)}
            saving={save.isPending}
            onSave={onSave}
            onCancel={stopEditing}
          />
        ) : null}
      </div>
      <Versions clientId={clientId} me={me} />
    </section>
  );
}
