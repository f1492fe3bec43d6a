import { zodResolver } from "@hookform/resolvers/zod";
import { Button, ButtonVariant, TextArea, TextInput } from "hds-react";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ErrorSummary, useFormErrors } from "../../../components/form";
import { FormOnRequestRegion, useFormOnRequest } from "../../../components/form-on-request";
import { ErrorAlert } from "../../../components/status-message";
import { formatDate, formatDateTime, todayInHelsinki } from "../../../lib/format";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { ApiError } from "../../../lib/problem";
import {
  useActiveServices,
  useClientJointIds,
  useCreateJointReferral,
  useJointReferrals,
  useSendJointReferral,
  useServicesById,
} from "../api/joint-referrals";
import { DATA_CATEGORIES, type DataCategory, type JointReferralRead, localized, type ServiceRead } from "../api/types";
import { type JointForm, jointSchema } from "../schemas";
import { type Me, usePersonName } from "../../coachwork";
import { DateInput } from "../../../components/date-input";
import { SavedResult } from "../../../components/saved-result";

const FIELDS = ["service_ids", "categories", "reason", "team_name", "decided_on", "decision"] as const;

interface NewJointReferralProps {
  clientId: string;
  onDone: (message: string, jointId: string) => void;
  onCancel: () => void;
}

function NewJointReferral({ clientId, onDone, onCancel }: NewJointReferralProps) {
  const { t, i18n } = useTranslation();
  const schema = useMemo(() => jointSchema(t), [t]);
  const services = useActiveServices();
  const create = useCreateJointReferral(clientId);
  const empty: JointForm = {
    service_ids: [],
    categories: ["contact_details"],
    reason: "",
    team_name: "",
    decided_on: todayInHelsinki(),
    decision: "",
  };
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<JointForm>({ resolver: zodResolver(schema), defaultValues: empty });
  const failures = useFormErrors<JointForm>({ form: "partners.joint", fields: FIELDS, setError });
  const submit = handleSubmit(async (values) => {
    failures.clear();
    try {
      const created = await create.mutateAsync({
        client_id: clientId,
        service_ids: values.service_ids,
        categories: values.categories as DataCategory[],
        reason: values.reason.trim(),
        team: { team_name: values.team_name.trim(), decided_on: values.decided_on, decision: values.decision.trim() },
      });
      onDone(t("partners.joint.drafted", { count: created.referrals.length, team: created.team_name }), created.id);
    } catch (error) {
      if (failures.showProblem(error)) return;
      if (error instanceof ApiError && error.status === 404)
        failures.fail(t("errors.formTitle"), [t("partners.errors.notFound")]);
      else failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
    }
  });
  const groupError = (name: "service_ids" | "categories") =>
    errors[name] ? (
      <p id={`${name}-error`} className="form-field__error">
        {errors[name]?.message}
      </p>
    ) : null;
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-joint-title">
      <h3 id="new-joint-title" tabIndex={-1}>
        {t("partners.joint.new")}
      </h3>
      <p>{t("partners.joint.newHelp")}</p>
      <ErrorSummary errors={failures} />
      <fieldset className="form-fieldset" aria-describedby={errors.service_ids ? "service_ids-error" : undefined}>
        <legend className="form-field__label">
          {t("partners.joint.services")}
          <span aria-hidden="true"> *</span>
        </legend>
        {services.isError ? <p role="alert">{loadErrorMessage(t, services.error)}</p> : null}
        {(services.data ?? []).map((service) => (
          <label key={service.id} className="checkbox">
            <input type="checkbox" value={service.id} {...register("service_ids")} />
            {localized(service, "name", i18n.language)} ({service.organisation_name})
          </label>
        ))}
        {groupError("service_ids")}
      </fieldset>
      <fieldset className="form-fieldset" aria-describedby={errors.categories ? "categories-error" : undefined}>
        <legend className="form-field__label">
          {t("partners.joint.categories")}
          <span aria-hidden="true"> *</span>
        </legend>
        {DATA_CATEGORIES.map((category) => (
          <label key={category} className="checkbox">
            <input type="checkbox" value={category} {...register("categories")} />
            {t(`dataCategory.${category}`)}
          </label>
        ))}
        {groupError("categories")}
      </fieldset>
      <TextArea
        id="reason"
        label={t("partners.joint.reason")}
        required
        {...errorProps(errors.reason)}
        {...register("reason")}
      />
      <TextInput
        id="team_name"
        label={t("partners.joint.teamName")}
        helperText={t("partners.joint.teamNameHelp")}
        required
        {...errorProps(errors.team_name)}
        {...register("team_name")}
      />
      <DateInput
        control={control}
        name="decided_on"
        id="decided_on"
        label={t("partners.joint.decidedOn")}
        required
        {...errorProps(errors.decided_on)}
      />
      <TextArea
        id="decision"
        label={t("partners.joint.decision")}
        required
        {...errorProps(errors.decision)}
        {...register("decision")}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("partners.joint.create")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

function JointReferral({
  joint,
  clientId,
  nameOf,
  onDone,
}: {
  joint: JointReferralRead;
  clientId: string;
  nameOf: (subject: string) => string;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const send = useSendJointReferral(clientId);
  const serviceIds = joint.referrals.map((referral) => referral.service_id);
  const services = useServicesById(serviceIds);
  const byId = new Map<string, ServiceRead>();
  for (const query of services) if (query.data) byId.set(query.data.id, query.data);
  const organisationName = (organisationId: string) =>
    [...byId.values()].find((service) => service.organisation_id === organisationId)?.organisation_name ??
    organisationId;
  const [missing, setMissing] = useState<string[] | null>(null);
  const drafts = joint.referrals.filter((referral) => referral.status === "draft").length;
  const onSend = () => {
    setMissing(null);
    send.mutate(joint.id, {
      onSuccess: (sent) => onDone(t("partners.joint.sent", { count: sent.referrals.length, team: sent.team_name })),
      onError: (error) => {
        const byOrganisation =
          error instanceof ApiError && error.status === 409
            ? (error.problem?.missing_by_organisation as Record<string, string[]> | undefined)
            : undefined;
        setMissing(
          byOrganisation
            ? Object.entries(byOrganisation).map(([organisation, categories]) =>
                t("partners.joint.missingFor", {
                  organisation: organisationName(organisation),
                  categories: categories.map((category) => t(`dataCategory.${category}`)).join(", "),
                }),
              )
            : [t("errors.unexpected")],
        );
      },
    });
  };
  const headingId = `joint-${joint.id}`;
  return (
    <li aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t("partners.joint.itemTitle", { team: joint.team_name, date: formatDate(joint.decided_on) })}
      </h3>
      <p className="note">{joint.decision}</p>
      <p>
        <small>
          {t("partners.joint.draftedBy", { who: nameOf(joint.sender_subject), when: formatDateTime(joint.created_at) })}
        </small>
      </p>
      <ul className="plain-list">
        {joint.referrals.map((referral) => {
          const service = byId.get(referral.service_id);
          return (
            <li key={referral.id}>
              {service ? localized(service, "name", i18n.language) : referral.service_id} (
              {service?.organisation_name ?? referral.partner_organisation_id}):{" "}
              {t(`referralStatus.${referral.status}`)}
            </li>
          );
        })}
      </ul>
      {missing ? (
        <ErrorAlert title={t("partners.joint.notSent")}>
          <ul>
            {missing.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p>{t("partners.joint.noneSent")}</p>
        </ErrorAlert>
      ) : null}
      {drafts ? (
        <Button onClick={onSend} disabled={send.isPending}>
          {t("partners.joint.send", { count: drafts })}
        </Button>
      ) : null}
    </li>
  );
}

/**
 * The client's joint referrals (*yhteislähete*): one decision of the weekly team sends the client to several
 * partners at once, all or none. Each shows the team, the day and the decision, who drafted it, and each partner's
 * referral with its status; a new one is drafted here and then sent, or refused with the partners whose consent is
 * missing.
 */
export function JointReferralSection({ clientId, me }: { clientId: string; me?: Me }) {
  const { t } = useTranslation();
  const ids = useClientJointIds(clientId);
  const joints = useJointReferrals(ids.data ?? []);
  const [done, setDone] = useState<string | null>(null);
  const nameOf = usePersonName(me);
  // Drafted, the form closes and focus goes to the new joint referral once the list shows it.
  const form = useFormOnRequest("new-joint-referral", { onOpen: () => setDone(null) });
  return (
    <section id="joint-referrals" aria-labelledby="joint-referrals-title" className="page-section">
      <h2 id="joint-referrals-title">{t("partners.joint.title")}</h2>
      {ids.isError ? <p role="alert">{loadErrorMessage(t, ids.error)}</p> : null}
      {ids.data && !ids.data.length ? <p>{t("partners.joint.none")}</p> : null}
      {ids.data?.length ? (
        <ul className="plain-list plain-list--bare">
          {joints.map((query, index) =>
            query.data ? (
              <JointReferral
                key={query.data.id}
                joint={query.data}
                clientId={clientId}
                nameOf={nameOf}
                onDone={setDone}
              />
            ) : query.isError ? (
              <li key={ids.data[index]} role="alert">
                {loadErrorMessage(t, query.error)}
              </li>
            ) : null,
          )}
        </ul>
      ) : null}
      <SavedResult>{done}</SavedResult>
      <FormOnRequestRegion form={form} label={t("partners.joint.open")}>
        <NewJointReferral
          clientId={clientId}
          onDone={(message, jointId) => {
            setDone(message);
            form.saved(`joint-${jointId}`);
          }}
          onCancel={form.cancel}
        />
      </FormOnRequestRegion>
    </section>
  );
}
