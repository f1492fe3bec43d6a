import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { DateInput } from "../../../components/date-input";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { FormOnRequestForm, FormOnRequestRegion, useFormOnRequest } from "../../../components/form-on-request";
import { SelectField } from "../../../components/select-field";
import { StatusMessage } from "../../../components/status-message";
import { formatDate, todayInHelsinki } from "../../../lib/format";
import { errorProps } from "../../../lib/form-errors";
import { useSetWaitingOn } from "../api/set-waiting-on";
import { type ClientRead, WAITING_ON, type WaitingOn as Party } from "../api/types";
import { type WaitingOnForm, waitingOnSchema } from "../schemas";

function describe(
  t: (key: string, options?: Record<string, string>) => string,
  client: Pick<ClientRead, "waiting_on" | "waiting_since">,
) {
  if (!client.waiting_on) return t("waitingOn.nobody");
  return t("waitingOn.since", {
    party: t(`waitingOn.party.${client.waiting_on}`),
    date: client.waiting_since ? formatDate(client.waiting_since) : "–",
  });
}

/**
 * Whom the next step of the client's case waits for (the client, or us) and since when, as the morning filters
 * select by it; the coach sets it or clears it.
 */
export function WaitingOnField({ client }: { client: ClientRead }) {
  const { t } = useTranslation();
  const save = useSetWaitingOn(client.id);
  const [message, setMessage] = useState<string | null>(null);
  const form = useFormOnRequest("waiting-on-form", { onOpen: () => setMessage(null) });
  const schema = useMemo(() => waitingOnSchema(t), [t]);
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<WaitingOnForm>({
    resolver: zodResolver(schema),
    values: { waiting_on: client.waiting_on ?? "", since: client.waiting_since ?? todayInHelsinki() },
  });
  const failures = useFormErrors<WaitingOnForm>({ form: "waitingOn", fields: ["waiting_on", "since"], setError });
  const chosen = useWatch({ control, name: "waiting_on" });
  const onSubmit = handleSubmit(async (values) => {
    failures.clear();
    try {
      const saved = await save.mutateAsync(
        values.waiting_on === "none"
          ? { waiting_on: null }
          : { waiting_on: values.waiting_on as Party, since: values.since },
      );
      setMessage(t("waitingOn.saved", { state: describe(t, saved) }));
      form.saved("waiting-on-value");
    } catch (error) {
      if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
    }
  });
  return (
    <div>
      <p id="waiting-on-value" tabIndex={-1}>
        <strong>{t("waitingOn.title")}:</strong> {describe(t, client)}
      </p>
      <StatusMessage>{message}</StatusMessage>
      <FormOnRequestRegion form={form} label={t("waitingOn.change")}>
        <FormOnRequestForm
          form={form}
          title={t("waitingOn.change")}
          submitLabel={t("waitingOn.save")}
          submitting={isSubmitting}
          onSubmit={(event) => void onSubmit(event)}
        >
          <ErrorSummary errors={failures} />
          <SelectField
            id="waiting_on"
            label={t("waitingOn.title")}
            required
            errorText={errors.waiting_on?.message}
            {...register("waiting_on")}
          >
            <option value="">{t("common.choose")}</option>
            {WAITING_ON.map((party) => (
              <option key={party} value={party}>
                {t(`waitingOn.party.${party}`)}
              </option>
            ))}
            <option value="none">{t("waitingOn.clear")}</option>
          </SelectField>
          {chosen === "none" ? null : (
            <DateInput
              control={control}
              name="since"
              id="since"
              label={t("waitingOn.sinceLabel")}
              required
              {...errorProps(errors.since)}
            />
          )}
        </FormOnRequestForm>
      </FormOnRequestRegion>
    </div>
  );
}
