import type { TFunction } from "i18next";
import { z } from "zod";

import { isoDate } from "../../../lib/date-field";

import {
  type AssessmentRead,
  type AssessmentWrite,
  DRIVING_LICENCES,
  type DrivingLicence,
  EDUCATION_LEVELS,
  type EducationLevel,
  LANGUAGE_LEVELS,
  type LanguageLevel,
  SERVICE_NEEDS,
  type ServiceNeed,
  WORK_ABILITIES,
  type WorkAbility,
} from "../api/types";

const oneOf = <Value extends string>(values: Value[]) => z.enum(values as [Value, ...Value[]]);

export interface AssessmentFormValues {
  assessed_on: string;
  education: { level: EducationLevel; qualification: string; completed_year: string }[];
  work_history: { occupation: string; title: string; employer: string; started_on: string; ended_on: string }[];
  occupations: { code: string }[];
  competences: { occupation: string; description: string }[];
  languages: { language: string; level: LanguageLevel }[];
  driving_licences: DrivingLicence[];
  service_needs: ServiceNeed[];
  work_ability: WorkAbility;
  work_ability_description: string;
  integration_starts_on: string;
  integration_ends_on: string;
  health: string;
  social: string;
}

/** Fields a 422 of the service may name (``body.<field>``); the rest is shown above the form. */
export const ASSESSMENT_FIELDS = [
  "assessed_on",
  "education",
  "work_history",
  "occupations",
  "competences",
  "languages",
  "work_ability_description",
  "integration_ends_on",
] as const;

export function assessmentSchema(t: TFunction) {
  return z
    .object({
      assessed_on: isoDate(t),
      education: z.array(
        z.object({
          level: oneOf(EDUCATION_LEVELS),
          qualification: z.string().max(300),
          completed_year: z
            .string()
            .refine(
              (value) => value === "" || (/^\d{4}$/.test(value) && Number(value) >= 1940 && Number(value) <= 2100),
              {
                message: t("assessment.errors.year"),
              },
            ),
        }),
      ),
      work_history: z
        .array(
          z
            .object({
              occupation: z.string().min(1, t("assessment.errors.occupationRequired")),
              title: z.string().trim().min(1, t("errors.code.missing")).max(300),
              employer: z.string().max(300),
              started_on: isoDate(t),
              ended_on: isoDate(t, { optional: true }),
            })
            .refine((job) => !job.ended_on || !job.started_on || job.ended_on >= job.started_on, {
              path: ["ended_on"],
              message: t("assessment.errors.endedBeforeStarted"),
            }),
        )
        .max(50),
      occupations: z.array(z.object({ code: z.string() })).max(20),
      competences: z
        .array(
          z.object({
            occupation: z.string().min(1, t("assessment.errors.occupationRequired")),
            description: z.string().max(500, t("errors.code.string_too_long")),
          }),
        )
        .max(50),
      languages: z.array(z.object({ language: z.string(), level: oneOf(LANGUAGE_LEVELS) })),
      driving_licences: z.array(oneOf(DRIVING_LICENCES)),
      service_needs: z.array(oneOf(SERVICE_NEEDS)),
      work_ability: oneOf(WORK_ABILITIES),
      work_ability_description: z.string().max(2000),
      integration_starts_on: isoDate(t, { optional: true }),
      integration_ends_on: isoDate(t, { optional: true }),
      health: z.string().max(5000),
      social: z.string().max(5000),
    })
    .superRefine((values, context) => {
      if (values.work_ability === "partial" && !values.work_ability_description.trim()) {
        context.addIssue({
          code: "custom",
          path: ["work_ability_description"],
          message: t("assessment.errors.describePartial"),
        });
      }
      const starts = values.integration_starts_on;
      const ends = values.integration_ends_on;
      if (Boolean(starts) !== Boolean(ends)) {
        context.addIssue({
          code: "custom",
          path: ["integration_ends_on"],
          message: t("assessment.errors.integrationBoth"),
        });
      } else if (starts && ends && ends <= starts) {
        context.addIssue({
          code: "custom",
          path: ["integration_ends_on"],
          message: t("assessment.errors.integrationOrder"),
        });
      }
    });
}

export function assessmentToForm(assessment: AssessmentRead | null, today: string): AssessmentFormValues {
  return {
    assessed_on: today,
    education: (assessment?.education ?? []).map((entry) => ({
      level: entry.level,
      qualification: entry.qualification ?? "",
      completed_year: entry.completed_year ? String(entry.completed_year) : "",
    })),
    work_history: (assessment?.work_history ?? []).map((job) => ({
      occupation: job.occupation,
      title: job.title,
      employer: job.employer ?? "",
      started_on: job.started_on,
      ended_on: job.ended_on ?? "",
    })),
    occupations: (assessment?.occupations ?? []).map((code) => ({ code })),
    competences: (assessment?.competences ?? []).map((competence) => ({
      occupation: competence.occupation,
      description: competence.description ?? "",
    })),
    languages: (assessment?.languages ?? []).map((skill) => ({ language: skill.language, level: skill.level })),
    driving_licences: assessment?.driving_licences ?? [],
    service_needs: assessment?.service_needs ?? [],
    work_ability: assessment?.work_ability ?? "full",
    work_ability_description: assessment?.work_ability_description ?? "",
    integration_starts_on: assessment?.integration_period?.starts_on ?? "",
    integration_ends_on: assessment?.integration_period?.ends_on ?? "",
    health: assessment?.special_category?.health ?? "",
    social: assessment?.special_category?.social ?? "",
  };
}

function notesChanged(values: AssessmentFormValues, base: AssessmentRead | null): boolean {
  const text = (value: string | null | undefined) => (value ?? "").trim();
  return (
    text(values.health) !== text(base?.special_category?.health) ||
    text(values.social) !== text(base?.special_category?.social)
  );
}

/**
 * The body of a save. What the form does not edit (the number of need-based supplementary interviews)
 * is carried over from the version edited; the health and social notes are sent only when the form showed them, so
 * that leaving them out keeps them as they are.
 */
export function formToAssessment(
  values: AssessmentFormValues,
  base: AssessmentRead | null,
  withNotes: boolean,
): AssessmentWrite {
  const text = (value: string) => (value.trim() ? value.trim() : null);
  return {
    assessed_on: values.assessed_on,
    education: values.education.map((entry, index) => ({
      level: entry.level,
      // The form does not edit the field of education; a row still at its place and level keeps it.
      field: base?.education[index]?.level === entry.level ? (base.education[index].field ?? null) : null,
      qualification: text(entry.qualification),
      completed_year: entry.completed_year ? Number(entry.completed_year) : null,
    })),
    work_history: values.work_history.map((job) => ({
      occupation: job.occupation,
      title: job.title.trim(),
      employer: text(job.employer),
      started_on: job.started_on,
      ended_on: job.ended_on || null,
    })),
    occupations: [...new Set(values.occupations.map((entry) => entry.code))],
    competences: values.competences.map((competence) => ({
      occupation: competence.occupation,
      description: text(competence.description),
    })),
    languages: values.languages.map((skill) => ({ language: skill.language, level: skill.level })),
    driving_licences: values.driving_licences,
    service_needs: values.service_needs,
    supplementary_interviews: base?.supplementary_interviews ?? null,
    work_ability: values.work_ability,
    work_ability_description: text(values.work_ability_description),
    integration_period:
      values.integration_starts_on && values.integration_ends_on
        ? { starts_on: values.integration_starts_on, ends_on: values.integration_ends_on }
        : null,
    ...(withNotes && notesChanged(values, base)
      ? { special_category: { health: text(values.health), social: text(values.social) } }
      : {}),
  };
}
