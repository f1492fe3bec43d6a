import { Button, TextInput } from "hds-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { StatusMessage } from "../../../components/status-message";
import { todayInHelsinki } from "../../../lib/format";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { useCreateContact } from "../api/create-contact";
import { CONTACT_KINDS, type ContactKind } from "../api/types";
import { DateInput } from "../../../components/date-input";

const FIELDS = ["kind", "contacted_on", "topic", "outcome", "next_step", "next_step_due"] as const;

interface ContactForm {
  kind: ContactKind;
  contacted_on: string;
  topic: string;
  outcome: string;
  next_step: string;
  next_step_due: string;
}

/** Records a contact with the employer (visit, call, event, e-mail), what came of it and the next step. */
export function ContactForm({ employerId }: { employerId: string }) {
  const { t } = useTranslation();
  const create = useCreateContact(employerId);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [saved, setSaved] = useState<string | null>(null);
  const empty: ContactForm = {
    kind: "visit",
    contacted_on: todayInHelsinki(),
    topic: "",
    outcome: "",
    next_step: "",
    next_step_due: "",
  };
  const {
    control,
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ContactForm>({ defaultValues: empty });
  const failures = useFormErrors({ form: "employers.contactForm", fields: FIELDS, setError });

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    setSaved(null);
    try {
      await create.mutateAsync({
        body: {
          kind: form.kind,
          contacted_on: form.contacted_on,
          topic: form.topic.trim(),
          outcome: form.outcome.trim() || null,
          next_step: form.next_step.trim() || null,
          next_step_due: form.next_step_due || null,
        },
        idempotencyKey,
      });
      setIdempotencyKey(crypto.randomUUID());
      reset(empty);
      setSaved(t("employers.contactForm.saved"));
    } catch (error) {
      if (failures.showProblem(error)) return;
      failures.fail(t("errors.formTitle"), [loadErrorMessage(t, error)]);
    }
  });

  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="contact-form-heading">
      <h3 id="contact-form-heading">{t("employers.contactForm.title")}</h3>
      <ErrorSummary errors={failures} />
      <ChoiceSelect
        id="kind"
        label={t("employers.contactForm.kind")}
        required
        {...register("kind")}
        choices={CONTACT_KINDS}
        choiceLabel={(kind) => t(`employers.contactKind.${kind}`)}
      />
      <DateInput
        control={control}
        name="contacted_on"
        id="contacted_on"
        label={t("employers.contactForm.contactedOn")}
        required
        {...errorProps(errors.contacted_on)}
      />
      <TextInput
        id="topic"
        label={t("employers.contactForm.topic")}
        required
        {...errorProps(errors.topic)}
        {...register("topic", { required: t("errors.code.missing") })}
      />
      <TextInput
        id="outcome"
        label={t("employers.contactForm.outcome")}
        {...errorProps(errors.outcome)}
        {...register("outcome")}
      />
      <TextInput
        id="next_step"
        label={t("employers.contactForm.nextStep")}
        {...errorProps(errors.next_step)}
        {...register("next_step")}
      />
      <DateInput
        control={control}
        name="next_step_due"
        id="next_step_due"
        label={t("employers.contactForm.nextStepDue")}
        {...errorProps(errors.next_step_due)}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("employers.contactForm.submit")}
        </Button>
      </div>
      <StatusMessage>{saved}</StatusMessage>
    </form>
  );
}
