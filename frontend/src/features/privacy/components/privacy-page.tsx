import { zodResolver } from "@hookform/resolvers/zod";
import { Button, ButtonVariant, TextInput } from "hds-react";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { z } from "zod";

import { ErrorSummary, useFormErrors } from "../../../components/form";
import { PageHeading } from "../../../components/page-heading";
import { ErrorAlert } from "../../../components/status-message";
import { formatDateTime } from "../../../lib/format";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { ApiError } from "../../../lib/problem";
import { useAuditTrail } from "../api/audit-trail";
import { useExportPersonalData } from "../api/export";
import type { AuditFilters } from "../api/query-keys";
import { AUDIT_ACTIONS, type AuditRecordRead } from "../api/types";
import { DateInput } from "../../../components/date-input";
import { isoDate } from "../../../lib/date-field";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function lookupSchema(t: (key: string) => string) {
  return z
    .object({
      client: z
        .string()
        .trim()
        .regex(UUID, { error: t("privacy.errors.clientId") }),
      since: isoDate(t, { optional: true }),
      until: isoDate(t, { optional: true }),
      actor: z.string().trim().max(200),
    })
    .refine((values) => !values.since || !values.until || values.since < values.until, {
      path: ["until"],
      error: t("privacy.errors.order"),
    });
}
type LookupForm = z.infer<ReturnType<typeof lookupSchema>>;

/** The start of a day in Helsinki (UTC+2 in winter, UTC+3 in summer) as an ISO 8601 moment with its offset. */
export function dayStart(day: string): string | undefined {
  if (!day) return undefined;
  const name = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Helsinki", timeZoneName: "longOffset" })
    .formatToParts(new Date(`${day}T12:00:00Z`))
    .find((part) => part.type === "timeZoneName")?.value;
  const offset = name?.replace("GMT", "") || "+02:00";
  return `${day}T00:00:00${offset}`;
}

function actionName(t: (key: string) => string, action: string): string {
  return (AUDIT_ACTIONS as readonly string[]).includes(action) ? t(`privacy.action.${action}`) : action;
}

function TrailRow({ record }: { record: AuditRecordRead }) {
  const { t } = useTranslation();
  return (
    <tr>
      <th scope="row">{formatDateTime(record.occurred_at)}</th>
      <td>
        {record.actor_subject}
        <br />
        <small>{record.actor_roles.join(", ")}</small>
      </td>
      <td>{actionName(t, record.action)}</td>
      <td>
        {record.resource_type}
        {record.resource_id ? <small> {record.resource_id}</small> : null}
      </td>
      <td>{record.purpose}</td>
    </tr>
  );
}

/** Saves the export as a JSON file: the download is the officer's copy for the data subject. */
function saveAsFile(clientId: string, data: unknown) {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement("a"), { href: url, download: `personal-data-${clientId}.json` });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/**
 * The data protection officer's view of one client: who read or changed the client's data, when, in which role
 * and why (the audit trail, newest first, filtered by time and person), and the personal-data export across the
 * services for an access request, downloaded as a file. The client is named by their id in Polku (from the access
 * request's handling), also in the address (``?client=``), so that the view can be linked.
 */
export function PrivacyPage({ me }: { me: { name?: string } }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const clientId = params.get("client");
  const filters: AuditFilters = {
    since: dayStart(params.get("since") ?? ""),
    until: dayStart(params.get("until") ?? ""),
    actor: params.get("actor") || undefined,
  };
  const schema = useMemo(() => lookupSchema(t), [t]);
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<LookupForm>({
    resolver: zodResolver(schema),
    defaultValues: {
      client: clientId ?? "",
      since: params.get("since") ?? "",
      until: params.get("until") ?? "",
      actor: params.get("actor") ?? "",
    },
  });
  const failures = useFormErrors<LookupForm>({ form: "privacy", fields: ["client"], setError });
  const trail = useAuditTrail(clientId && UUID.test(clientId) ? clientId : null, filters);
  const records = trail.data?.pages.flatMap((page) => page.items) ?? [];
  const exporter = useExportPersonalData();
  const [exported, setExported] = useState<string | null>(null);
  const [exportFailed, setExportFailed] = useState<string | null>(null);
  const title = t("privacy.title");

  const submit = handleSubmit((values) => {
    failures.clear();
    const next = new URLSearchParams({ client: values.client.trim().toLowerCase() });
    if (values.since) next.set("since", values.since);
    if (values.until) next.set("until", values.until);
    if (values.actor.trim()) next.set("actor", values.actor.trim());
    setExported(null);
    setExportFailed(null);
    setParams(next);
  });
  const onExport = () => {
    if (!clientId) return;
    setExported(null);
    setExportFailed(null);
    exporter.mutate(clientId, {
      onSuccess: (data) => {
        saveAsFile(clientId, data);
        setExported(t("privacy.exported", { who: me.name ?? "–", when: formatDateTime(data.exported_at) }));
      },
      onError: (error) =>
        setExportFailed(
          error instanceof ApiError && error.status === 503
            ? t("privacy.exportUnavailable")
            : error instanceof ApiError && error.status === 404
              ? t("privacy.notFound")
              : loadErrorMessage(t, error),
        ),
    });
  };
  const notFound = trail.error instanceof ApiError && trail.error.status === 404;
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p>{t("privacy.intro")}</p>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="privacy-lookup-title">
        <h2 id="privacy-lookup-title">{t("privacy.lookup")}</h2>
        <ErrorSummary errors={failures} />
        <TextInput
          id="client"
          label={t("privacy.clientId")}
          helperText={t("privacy.clientIdHelp")}
          required
          {...errorProps(errors.client)}
          {...register("client")}
        />
        <div className="repeat-row">
          <DateInput
            control={control}
            name="since"
            id="since"
            label={t("privacy.since")}
            {...errorProps(errors.since)}
          />
          <DateInput
            control={control}
            name="until"
            id="until"
            label={t("privacy.until")}
            {...errorProps(errors.until)}
          />
          <TextInput
            id="actor"
            label={t("privacy.actor")}
            helperText={t("privacy.actorHelp")}
            {...errorProps(errors.actor)}
            {...register("actor")}
          />
        </div>
        <div className="form__actions">
          <Button type="submit">{t("privacy.show")}</Button>
        </div>
      </form>
      {clientId ? (
        <>
          <section aria-labelledby="privacy-export-title" className="page-section">
            <h2 id="privacy-export-title">{t("privacy.exportTitle")}</h2>
            <p>{t("privacy.exportHelp")}</p>
            <Button onClick={onExport} disabled={exporter.isPending}>
              {exporter.isPending ? t("privacy.exporting") : t("privacy.export")}
            </Button>
            <p role="status" className={exported ? "status-message" : "visually-hidden"}>
              {exported}
            </p>
            {exportFailed ? <ErrorAlert title={t("privacy.exportFailed")}>{exportFailed}</ErrorAlert> : null}
          </section>
          <section aria-labelledby="privacy-trail-title" className="page-section">
            <h2 id="privacy-trail-title">{t("privacy.trailTitle")}</h2>
            {trail.isPending ? <p>{t("app.loading")}</p> : null}
            {trail.isError ? (
              <p role="alert">{notFound ? t("privacy.notFound") : loadErrorMessage(t, trail.error)}</p>
            ) : null}
            {trail.data ? <p role="status">{t("privacy.shown", { count: records.length })}</p> : null}
            {records.length ? (
              <div className="table-wrapper">
                <table className="data-table">
                  <caption className="visually-hidden">{t("privacy.trailTitle")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("privacy.when")}</th>
                      <th scope="col">{t("privacy.who")}</th>
                      <th scope="col">{t("privacy.what")}</th>
                      <th scope="col">{t("privacy.resource")}</th>
                      <th scope="col">{t("privacy.purpose")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {records.map((record) => (
                      <TrailRow key={record.id} record={record} />
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            {trail.hasNextPage ? (
              <Button
                variant={ButtonVariant.Secondary}
                onClick={() => void trail.fetchNextPage()}
                disabled={trail.isFetchingNextPage}
              >
                {t("privacy.loadMore")}
              </Button>
            ) : null}
          </section>
        </>
      ) : null}
    </>
  );
}
