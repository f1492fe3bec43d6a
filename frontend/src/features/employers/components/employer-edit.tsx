import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

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
import { getEmployer } from "../api/get-employer";
import type { EmployerRead } from "../api/types";
import { useUpdateEmployer } from "../api/update-employer";
import { EMPLOYER_FIELDS, type EmployerForm, employerBody, employerSchema, employerToForm } from "../schemas";
import { EmployerFields } from "./employer-fields";
import type { Me } from "./people";

/**
 * Employer services change an employer's details on its page: a form opened on request with what is saved now,
 * sent back whole with If-Match. When someone else saved in between, nothing is overwritten: the form says so and
 * loads the newer version on request, to be changed again. Saved, the form closes and focus goes to the result,
 * which names who saved.
 */
export function EmployerEdit({ employer, me }: { employer: EmployerRead; me?: Me }) {
  const { t } = useTranslation();
  const form = useFormOnRequestWithResult("employer-edit");
  return (
    <div className="form-on-request">
      <SavedResult id={form.resultId}>{form.result}</SavedResult>
      <FormOnRequestRegion form={form} label={t("employers.edit.open")}>
        <EditEmployerForm
          initial={employer}
          me={me}
          form={form}
          onSaved={(saved) =>
            form.report(
              t("employers.edit.saved", {
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

function EditEmployerForm({
  initial,
  me,
  form: region,
  onSaved,
}: {
  initial: EmployerRead;
  me?: Me;
  form: FormOnRequest;
  onSaved: (saved: EmployerRead) => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateEmployer();
  // The version the form was filled from: the one the change is made to (If-Match).
  const [base, setBase] = useState(initial);
  const schema = useMemo(() => employerSchema(t), [t]);
  const form = useForm<EmployerForm>({ resolver: zodResolver(schema), defaultValues: employerToForm(initial) });
  const failures = useFormErrors({ form: "employers.form", fields: EMPLOYER_FIELDS, setError: form.setError });
  const newer = useLoadNewer({
    load: () => getEmployer(base.id),
    onLoaded: (saved: EmployerRead) => {
      failures.clear();
      setBase(saved);
      form.reset(employerToForm(saved));
    },
    onFailed: (error) => failures.fail(t("errors.formTitle"), [loadErrorMessage(t, error)]),
    focus: `${region.regionProps.id}-title`,
  });

  const onSubmit = form.handleSubmit(async (values) => {
    failures.clear();
    newer.clear();
    try {
      onSaved(await update.mutateAsync({ employer: base, body: employerBody(values) }));
    } catch (error) {
      if (newer.lost(error)) return;
      if (failures.showProblem(error)) return;
      if (error instanceof ApiError && error.status === 409) {
        const link = error.problem?.existing;
        const id = typeof link === "string" ? link.split("/").pop() : undefined;
        const name = error.problem?.existing_name;
        failures.fail(
          t("employers.form.duplicateTitle"),
          [],
          <>
            <p>{t("employers.form.duplicateText")}</p>
            {id ? (
              <Link to={`/employers/${id}`}>
                {t("employers.form.openExisting", { name: typeof name === "string" ? name : values.business_id })}
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
    <FormOnRequestForm
      form={region}
      title={t("employers.edit.title")}
      submitLabel={t("employers.edit.submit")}
      submitting={form.formState.isSubmitting}
      onSubmit={(event) => void onSubmit(event)}
    >
      {newer.conflict ? (
        <VersionConflictNotice
          conflict={newer.conflict}
          text={(version) =>
            version === null ? t("employers.edit.conflictUnknown") : t("employers.edit.conflict", { version })
          }
          onLoadNewer={() => void newer.loadNewer()}
        />
      ) : null}
      <ErrorSummary errors={failures} />
      <EmployerFields
        form={form}
        me={me}
        currentManager={base.account_manager_subject}
        currentManagerName={base.account_manager_name}
        idPrefix="employer-edit"
      />
    </FormOnRequestForm>
  );
}
