import { zodResolver } from "@hookform/resolvers/zod";
import { Button, ButtonSize, TextInput } from "hds-react";
import type { TFunction } from "i18next";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { DateInput } from "../../../components/date-input";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { FormOnRequestForm, FormOnRequestRegion, useFormOnRequest } from "../../../components/form-on-request";
import { ErrorAlert } from "../../../components/status-message";
import { versionConflictOf } from "../../../components/version-conflict";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { useUpdateContact, type ContactVersion } from "../api/update-contact";
import type { EmployerContactUpdate } from "../api/types";
import { type NextStepForm, nextStepSchema } from "../schemas";

const FIELDS = ["outcome", "next_step", "next_step_due"] as const;

/** A contact as these actions change it: which one and its version, its next step, and its outcome when known. */
export interface ContactWithNextStep extends ContactVersion {
  next_step: string | null;
  next_step_due: string | null;
  next_step_done: boolean;
  /** Undefined where the list does not carry it (the next steps due): the form then leaves the outcome as it is. */
  outcome?: string | null;
}

/** A 412 said in the words of a contact; other failures as the service's. */
function failureOf(t: TFunction, error: unknown): string {
  return versionConflictOf(error) ? t("employers.nextStep.stale") : loadErrorMessage(t, error);
}

/**
 * What employer services do with a contact's next step, from the employer's contact log and from the home's list of
 * next steps due: mark it done (the service records who and when), or open a form to change the next step and its
 * due date and record the outcome. Both send If-Match with the version the person saw; someone else's change in
 * between is said plainly and the list is fetched again. What was done is told through ``onDone``, which the list
 * shows in a message that takes focus (the row itself may leave the list). ``name`` tells this contact's buttons
 * from the others' (their accessible names contain their visible labels).
 */
export function NextStepActions({
  contact,
  name,
  resultId,
  onDone,
}: {
  contact: ContactWithNextStep;
  name: string;
  resultId: string;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateContact();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useFormOnRequest(`contact-${contact.contact_id}-next-step`, { onOpen: () => setFailure(null) });

  const markDone = async () => {
    setFailure(null);
    try {
      await update.mutateAsync({ contact, body: { next_step_done: true } });
      onDone(t("employers.nextStep.markedDone", { step: contact.next_step ?? "" }));
      form.saved(resultId);
    } catch (error) {
      setFailure(failureOf(t, error));
    }
  };

  return (
    <div className="form__actions next-step-actions">
      {contact.next_step && !contact.next_step_done ? (
        <Button
          size={ButtonSize.Small}
          disabled={update.isPending}
          aria-label={`${t("employers.nextStep.markDone")}: ${name}`}
          onClick={() => void markDone()}
        >
          {t("employers.nextStep.markDone")}
        </Button>
      ) : null}
      <FormOnRequestRegion
        form={form}
        label={t("employers.nextStep.edit")}
        name={`${t("employers.nextStep.edit")}: ${name}`}
      >
        <NextStepEditForm
          contact={contact}
          form={form}
          title={`${t("employers.nextStep.editTitle")}: ${name}`}
          onSaved={(message) => {
            onDone(message);
            form.saved(resultId);
          }}
        />
      </FormOnRequestRegion>
      {failure ? <ErrorAlert title={failure} /> : null}
    </div>
  );
}

function NextStepEditForm({
  contact,
  form: region,
  title,
  onSaved,
}: {
  contact: ContactWithNextStep;
  form: ReturnType<typeof useFormOnRequest>;
  title: string;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateContact();
  const schema = useMemo(() => nextStepSchema(t), [t]);
  const withOutcome = contact.outcome !== undefined;
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<NextStepForm>({
    resolver: zodResolver(schema),
    defaultValues: {
      outcome: contact.outcome ?? "",
      next_step: contact.next_step ?? "",
      next_step_due: contact.next_step_due ?? "",
    },
  });
  const failures = useFormErrors({ form: "employers.contactForm", fields: FIELDS, setError });
  const id = (field: string) => `${region.regionProps.id}-${field}`;

  const onSubmit = handleSubmit(async (values) => {
    failures.clear();
    const body: EmployerContactUpdate = {
      next_step: values.next_step.trim() || null,
      next_step_due: values.next_step_due || null,
      ...(withOutcome ? { outcome: values.outcome.trim() || null } : {}),
    };
    try {
      await update.mutateAsync({ contact, body });
      onSaved(t("employers.nextStep.saved"));
    } catch (error) {
      if (failures.showProblem(error)) return;
      failures.fail(t("errors.formTitle"), [failureOf(t, error)]);
    }
  });

  return (
    <FormOnRequestForm
      form={region}
      title={title}
      level={4}
      submitLabel={t("employers.nextStep.submit")}
      submitting={isSubmitting}
      onSubmit={(event) => void onSubmit(event)}
    >
      <ErrorSummary errors={failures} />
      {withOutcome ? (
        <TextInput
          id={id("outcome")}
          label={t("employers.contactForm.outcome")}
          {...errorProps(errors.outcome)}
          {...register("outcome")}
        />
      ) : null}
      <TextInput
        id={id("next_step")}
        label={t("employers.contactForm.nextStep")}
        {...errorProps(errors.next_step)}
        {...register("next_step")}
      />
      <DateInput
        control={control}
        name="next_step_due"
        id={id("next_step_due")}
        label={t("employers.contactForm.nextStepDue")}
        {...errorProps(errors.next_step_due)}
      />
    </FormOnRequestForm>
  );
}
