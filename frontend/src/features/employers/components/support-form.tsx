import { Button, TextInput } from "hds-react";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { StatusMessage } from "../../../components/status-message";
import { todayInHelsinki } from "../../../lib/format";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { useCreateSupport } from "../api/create-support";
import { PAY_SUBSIDY_GROUNDS, SUPPORT_KINDS, type SupportKind } from "../api/types";
import { formatEuros } from "../money";
import { DateInput } from "../../../components/date-input";

const FIELDS = ["kind", "decided_on", "ground", "starts_on", "ends_on", "monthly_wage_cost", "amount"] as const;

interface SupportForm {
  kind: SupportKind;
  decided_on: string;
  ground: string;
  starts_on: string;
  ends_on: string;
  monthly_wage_cost: string;
  amount: string;
}

/** A euro amount as typed in Finland (``2 500,50``) as the service reads it (``2500.50``). */
export function eurosOf(typed: string): string | null {
  const value = typed.replace(/[\s\u00a0€]/g, "").replace(",", ".");
  return value ? value : null;
}

/**
 * Records a support decision for the employer: a pay subsidy (*palkkatuki*) for a named client, whose percentage
 * and euros by month the service computes from the law's ground, or a recruitment bonus, summer-job voucher or
 * grant with its amount. Without a client the pay subsidy is not offered (it is always for a person).
 */
export function SupportForm({
  employerId,
  clientId,
  vacancyId,
  idPrefix = "support",
  label,
}: {
  employerId: string;
  clientId?: string;
  vacancyId?: string;
  idPrefix?: string;
  label: string;
}) {
  const { t } = useTranslation();
  const create = useCreateSupport();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [saved, setSaved] = useState<string | null>(null);
  const kinds = clientId ? SUPPORT_KINDS : SUPPORT_KINDS.filter((kind) => kind !== "pay_subsidy");
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<SupportForm>({
    defaultValues: {
      kind: kinds[0],
      decided_on: todayInHelsinki(),
      ground: PAY_SUBSIDY_GROUNDS[0],
      starts_on: "",
      ends_on: "",
      monthly_wage_cost: "",
      amount: "",
    },
  });
  const failures = useFormErrors({ form: "employers.supportForm", fields: FIELDS, setError });
  const paySubsidy = useWatch({ control, name: "kind" }) === "pay_subsidy";
  const id = (name: string) => `${idPrefix}-${name}`;

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    setSaved(null);
    const subsidy = form.kind === "pay_subsidy";
    try {
      const support = await create.mutateAsync({
        body: {
          kind: form.kind,
          employer_id: employerId,
          client_id: clientId ?? null,
          vacancy_id: vacancyId ?? null,
          decided_on: form.decided_on,
          ground: subsidy ? form.ground : null,
          starts_on: form.starts_on || null,
          ends_on: form.ends_on || null,
          monthly_wage_cost: subsidy ? eurosOf(form.monthly_wage_cost) : null,
          amount: subsidy ? null : eurosOf(form.amount),
        },
        idempotencyKey,
      });
      setIdempotencyKey(crypto.randomUUID());
      setSaved(
        t("employers.supportForm.saved", {
          kind: t(`employers.supportKind.${support.kind}`),
          total: formatEuros(support.total_committed),
        }),
      );
    } catch (error) {
      if (failures.showProblem(error)) return;
      failures.fail(t("errors.formTitle"), [loadErrorMessage(t, error)]);
    }
  });

  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={label}>
      <ErrorSummary errors={failures} />
      <ChoiceSelect
        id={id("kind")}
        label={t("employers.supportForm.kind")}
        required
        {...register("kind")}
        choices={kinds}
        choiceLabel={(kind) => t(`employers.supportKind.${kind}`)}
      />
      <DateInput
        control={control}
        name="decided_on"
        id={id("decided_on")}
        label={t("employers.supportForm.decidedOn")}
        required
        {...errorProps(errors.decided_on)}
      />
      {paySubsidy ? (
        <>
          <ChoiceSelect
            id={id("ground")}
            label={t("employers.supportForm.ground")}
            required
            errorText={errors.ground?.message}
            {...register("ground")}
            choices={PAY_SUBSIDY_GROUNDS}
            choiceLabel={(ground) => t(`employers.ground.${ground}`)}
          />
          <TextInput
            id={id("monthly_wage_cost")}
            label={t("employers.supportForm.monthlyWageCost")}
            helperText={t("employers.supportForm.eurosHelp")}
            required
            inputMode="decimal"
            {...errorProps(errors.monthly_wage_cost)}
            {...register("monthly_wage_cost")}
          />
        </>
      ) : (
        <TextInput
          id={id("amount")}
          label={t("employers.supportForm.amount")}
          helperText={t("employers.supportForm.eurosHelp")}
          required
          inputMode="decimal"
          {...errorProps(errors.amount)}
          {...register("amount")}
        />
      )}
      <DateInput
        control={control}
        name="starts_on"
        id={id("starts_on")}
        label={t("employers.supportForm.startsOn")}
        required={paySubsidy}
        {...errorProps(errors.starts_on)}
      />
      <DateInput
        control={control}
        name="ends_on"
        id={id("ends_on")}
        label={t("employers.supportForm.endsOn")}
        required={paySubsidy}
        {...errorProps(errors.ends_on)}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("employers.supportForm.submit")}
        </Button>
      </div>
      <StatusMessage>{saved}</StatusMessage>
    </form>
  );
}
