import { zodResolver } from "@hookform/resolvers/zod";
import { TextInput } from "hds-react";
import { useMemo } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ErrorSummary, type FormErrors, useFormErrors } from "../../../components/form";
import {
  type FormOnRequest,
  FormOnRequestForm,
  FormOnRequestRegion,
  useFormOnRequest,
} from "../../../components/form-on-request";
import { versionConflictOf } from "../../../components/version-conflict";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { ApiError } from "../../../lib/problem";
import { useChangeSupportStatus } from "../api/change-support-status";
import type { SupportRead, SupportStatus } from "../api/types";
import { type CancelSupportForm, cancelSupportSchema } from "../schemas";

/**
 * What employer services do with a decided support: mark it paid, or cancel it (a cancelled support commits no
 * euros). Each asks for confirmation in a small form opened on request (a cancellation with its reason), sent with
 * If-Match; someone else's change in between, or a status that no longer allows the move, is said in the form.
 * What was done is told through ``onDone`` (a message naming who did it, focused once shown).
 */
export function SupportStatusActions({
  support,
  name,
  resultId,
  onDone,
}: {
  support: SupportRead;
  name: string;
  resultId: string;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const pay = useFormOnRequest(`support-${support.id}-paid`);
  const cancel = useFormOnRequest(`support-${support.id}-cancelled`);
  if (support.status !== "decided") return null;
  const done = (form: FormOnRequest, message: string) => {
    onDone(message);
    form.saved(resultId);
  };
  return (
    <div className="form__actions">
      <FormOnRequestRegion
        form={pay}
        label={t("employers.supportStatus.markPaid")}
        name={`${t("employers.supportStatus.markPaid")}: ${name}`}
      >
        <StatusForm support={support} status="paid" form={pay} name={name} onDone={(message) => done(pay, message)} />
      </FormOnRequestRegion>
      <FormOnRequestRegion
        form={cancel}
        label={t("employers.supportStatus.cancel")}
        name={`${t("employers.supportStatus.cancel")}: ${name}`}
      >
        <StatusForm
          support={support}
          status="cancelled"
          form={cancel}
          name={name}
          onDone={(message) => done(cancel, message)}
        />
      </FormOnRequestRegion>
    </div>
  );
}

function StatusForm({
  support,
  status,
  form: region,
  name,
  onDone,
}: {
  support: SupportRead;
  status: Exclude<SupportStatus, "decided">;
  form: FormOnRequest;
  name: string;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const change = useChangeSupportStatus();
  const schema = useMemo(() => cancelSupportSchema(t), [t]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CancelSupportForm>({ resolver: zodResolver(schema), defaultValues: { reason: "" } });
  const failures: FormErrors = useFormErrors({ form: "employers.supportStatus", fields: ["reason"], setError });

  const onSubmit = handleSubmit(async (values) => {
    failures.clear();
    try {
      const saved = await change.mutateAsync({
        support,
        status,
        reason: status === "cancelled" ? values.reason.trim() || null : null,
      });
      onDone(
        t(`employers.supportStatus.done.${status}`, {
          support: name,
          by: saved.changed_by_name ?? t("employers.you"),
        }),
      );
    } catch (error) {
      if (versionConflictOf(error)) {
        failures.fail(t("employers.supportStatus.stale"));
      } else if (failures.showProblem(error)) {
        // Shown next to the field and in the summary.
      } else if (error instanceof ApiError && error.status === 409) {
        failures.fail(t("employers.supportStatus.notAllowed"));
      } else {
        failures.fail(t("errors.formTitle"), [loadErrorMessage(t, error)]);
      }
    }
  });

  return (
    <FormOnRequestForm
      form={region}
      title={t(`employers.supportStatus.confirm.${status}`, { support: name })}
      level={4}
      submitLabel={t(`employers.supportStatus.submit.${status}`)}
      submitting={isSubmitting}
      onSubmit={(event) => void onSubmit(event)}
    >
      <ErrorSummary errors={failures} />
      <p>{t(`employers.supportStatus.explain.${status}`)}</p>
      {status === "cancelled" ? (
        <TextInput
          id={`${region.regionProps.id}-reason`}
          label={t("employers.supportStatus.reason")}
          {...errorProps(errors.reason)}
          {...register("reason")}
        />
      ) : null}
    </FormOnRequestForm>
  );
}
