import { zodResolver } from "@hookform/resolvers/zod";
import { TextInput } from "hds-react";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ErrorSummary, useFormErrors } from "../../../components/form";
import { FormOnRequestForm, FormOnRequestRegion, useFormOnRequest } from "../../../components/form-on-request";
import { StatusMessage } from "../../../components/status-message";
import { errorProps } from "../../../lib/form-errors";
import { ApiError } from "../../../lib/problem";
import { useUpdateRegistrationData } from "../api/update-registration-data";
import type { ClientRead } from "../api/types";
import { type RegistrationDataForm, registrationDataSchema } from "../schemas";

/** A country's or a language's name in the reader's language (the browser's own ISO names), with its code. */
function codeName(code: string | null, type: "region" | "language", language: string, none: string): string {
  if (!code) return none;
  try {
    const name = new Intl.DisplayNames([language], { type }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/**
 * The client's citizenship (ISO 3166-1 alpha-2) and mother tongue (ISO 639-1), registration data that metrics count
 * by; optional, and the service checks each code against the ISO lists. Empty clears one.
 */
export function RegistrationData({ client }: { client: ClientRead }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateRegistrationData(client);
  const [message, setMessage] = useState<string | null>(null);
  const form = useFormOnRequest("registration-data-form", { onOpen: () => setMessage(null) });
  const schema = useMemo(() => registrationDataSchema(t), [t]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RegistrationDataForm>({
    resolver: zodResolver(schema),
    values: { citizenship: client.citizenship ?? "", mother_tongue: client.mother_tongue ?? "" },
  });
  const failures = useFormErrors<RegistrationDataForm>({
    form: "client.registration",
    fields: ["citizenship", "mother_tongue"],
    setError,
  });
  const none = t("client.registration.notRecorded");
  const citizenship = codeName(client.citizenship, "region", i18n.language, none);
  const motherTongue = codeName(client.mother_tongue, "language", i18n.language, none);
  const onSubmit = handleSubmit(async (values) => {
    failures.clear();
    try {
      const saved = await update.mutateAsync({
        citizenship: values.citizenship ? values.citizenship.toUpperCase() : null,
        mother_tongue: values.mother_tongue ? values.mother_tongue.toLowerCase() : null,
      });
      setMessage(
        t("client.registration.saved", {
          citizenship: codeName(saved.citizenship, "region", i18n.language, none),
          motherTongue: codeName(saved.mother_tongue, "language", i18n.language, none),
        }),
      );
      form.saved("registration-data-values");
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) failures.fail(t("client.registration.changed"));
      else if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
    }
  });
  return (
    <div>
      <dl className="summary-list" id="registration-data-values" tabIndex={-1}>
        <dt>{t("client.registration.citizenship")}</dt>
        <dd>{citizenship}</dd>
        <dt>{t("client.registration.motherTongue")}</dt>
        <dd>{motherTongue}</dd>
      </dl>
      <StatusMessage>{message}</StatusMessage>
      <FormOnRequestRegion form={form} label={t("client.registration.change")}>
        <FormOnRequestForm
          form={form}
          title={t("client.registration.change")}
          submitLabel={t("client.registration.save")}
          submitting={isSubmitting}
          onSubmit={(event) => void onSubmit(event)}
        >
          <ErrorSummary errors={failures} />
          <TextInput
            id="citizenship"
            label={t("client.registration.citizenship")}
            helperText={t("client.registration.citizenshipHelp")}
            autoComplete="off"
            maxLength={2}
            {...errorProps(errors.citizenship)}
            {...register("citizenship")}
          />
          <TextInput
            id="mother_tongue"
            label={t("client.registration.motherTongue")}
            helperText={t("client.registration.motherTongueHelp")}
            autoComplete="off"
            maxLength={2}
            {...errorProps(errors.mother_tongue)}
            {...register("mother_tongue")}
          />
        </FormOnRequestForm>
      </FormOnRequestRegion>
    </div>
  );
}
