import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ErrorSummary, useFormErrors } from "../../../components/form";
import {
  type FormOnRequest,
  FormOnRequestForm,
  FormOnRequestRegion,
  useFormOnRequestWithResult,
} from "../../../components/form-on-request";
import { SavedResult } from "../../../components/saved-result";
import { useLoadNewer } from "../../../components/use-load-newer";
import { VersionConflictNotice } from "../../../components/version-conflict";
import { loadErrorMessage } from "../../../lib/form-errors";
import { ApiError } from "../../../lib/problem";
import { getVacancy } from "../api/get-vacancy";
import type { VacancyRead } from "../api/types";
import { useUpdateVacancy } from "../api/update-vacancy";
import { VACANCY_FIELDS, type VacancyForm, vacancyBody, vacancySchema, vacancyToForm } from "../schemas";
import type { Me } from "./people";
import { VacancyFields } from "./vacancy-form";

/** The statuses in which the service takes a change of the vacancy (a filled or closed one has ended). */
const EDITABLE: readonly VacancyRead["status"][] = ["draft", "published", "expired"];

export const vacancyEditable = (vacancy: VacancyRead) => EDITABLE.includes(vacancy.status);

/**
 * Employer services change a vacancy that has not ended on its page: every field the service takes, in a form
 * opened on request with what is saved now, sent back with If-Match. Someone else's save in between overwrites
 * nothing: the form says so and loads the newer version on request. Saved, focus goes to the result, naming who
 * saved.
 */
export function VacancyEdit({ vacancy, me }: { vacancy: VacancyRead; me?: Me }) {
  const { t } = useTranslation();
  const form = useFormOnRequestWithResult("vacancy-edit");
  return (
    <div className="form-on-request">
      <SavedResult id={form.resultId}>{form.result}</SavedResult>
      <FormOnRequestRegion form={form} label={t("employers.vacancyEdit.open")}>
        <EditVacancyForm
          initial={vacancy}
          form={form}
          onSaved={(saved) =>
            form.report(
              t("employers.vacancyEdit.saved", {
                by: saved.changed_by_name ?? me?.name ?? t("employers.you"),
                version: saved.version,
              }),
            )
          }
        />
      </FormOnRequestRegion>
    </div>
  );
}

function EditVacancyForm({
  initial,
  form: region,
  onSaved,
}: {
  initial: VacancyRead;
  form: FormOnRequest;
  onSaved: (saved: VacancyRead) => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateVacancy();
  const [base, setBase] = useState(initial);
  const schema = useMemo(() => vacancySchema(t), [t]);
  const form = useForm<VacancyForm>({ resolver: zodResolver(schema), defaultValues: vacancyToForm(initial) });
  const failures = useFormErrors({ form: "employers.vacancyForm", fields: VACANCY_FIELDS, setError: form.setError });
  const newer = useLoadNewer({
    load: () => getVacancy(base.id),
    onLoaded: (saved: VacancyRead) => {
      failures.clear();
      setBase(saved);
      form.reset(vacancyToForm(saved));
    },
    onFailed: (error) => failures.fail(t("errors.formTitle"), [loadErrorMessage(t, error)]),
    focus: `${region.regionProps.id}-title`,
  });

  const onSubmit = form.handleSubmit(async (values) => {
    failures.clear();
    newer.clear();
    try {
      onSaved(await update.mutateAsync({ vacancy: base, body: vacancyBody(values) }));
    } catch (error) {
      if (newer.lost(error)) return;
      if (failures.showProblem(error)) return;
      if (error instanceof ApiError && error.status === 409) {
        failures.fail(t("employers.vacancyEdit.ended"));
      } else {
        failures.fail(t("errors.formTitle"), [loadErrorMessage(t, error)]);
      }
    }
  });

  return (
    <FormOnRequestForm
      form={region}
      title={t("employers.vacancyEdit.title")}
      submitLabel={t("employers.vacancyEdit.submit")}
      submitting={form.formState.isSubmitting}
      onSubmit={(event) => void onSubmit(event)}
    >
      {newer.conflict ? (
        <VersionConflictNotice
          conflict={newer.conflict}
          text={(version) =>
            version === null
              ? t("employers.vacancyEdit.conflictUnknown")
              : t("employers.vacancyEdit.conflict", { version })
          }
          onLoadNewer={() => void newer.loadNewer()}
        />
      ) : null}
      <ErrorSummary errors={failures} />
      <VacancyFields form={form} idPrefix="vacancy-edit" />
    </FormOnRequestForm>
  );
}
