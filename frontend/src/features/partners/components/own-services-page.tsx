import { useQueryClient } from "@tanstack/react-query";
import { Button, ButtonVariant } from "hds-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { FormErrors } from "../../../components/form";
import { PageHeading } from "../../../components/page-heading";
import { SavedResult } from "../../../components/saved-result";
import { SelectField } from "../../../components/select-field";
import { ErrorAlert } from "../../../components/status-message";
import { useLoadNewer } from "../../../components/use-load-newer";
import { VersionConflictNotice } from "../../../components/version-conflict";
import { profileOf, useAuth } from "../../../lib/auth";
import { formatDateTime } from "../../../lib/format";
import { loadErrorMessage } from "../../../lib/form-errors";
import { ApiError } from "../../../lib/problem";
import { useOwnServices } from "../api/get-own-services";
import { getService } from "../api/get-service";
import { useOrganisations } from "../api/organisations";
import { partnerKeys } from "../api/query-keys";
import { usePublishService, useUpdateService } from "../api/save-service";
import { localized, type ServiceRead } from "../api/types";
import { formToService, type ServiceForm } from "../schemas";
import { ServiceEditor } from "./service-form";

/** Who changed a service last and when; services from before this was recorded say only when. */
export function changedBy(
  t: (key: string, options?: Record<string, unknown>) => string,
  record: { changed_by?: string | null; changed_by_name?: string | null; updated_at: string },
): string {
  const who = record.changed_by_name ?? record.changed_by;
  return who
    ? t("partners.changedBy", { who, when: formatDateTime(record.updated_at) })
    : t("partners.changedAt", { when: formatDateTime(record.updated_at) });
}

type Editing = { mode: "create" } | { mode: "edit"; service: ServiceRead };

/**
 * A partner's own services in the directory, or an administrator's view of one partner's: each with its status and
 * who changed it last; a new one is published and an existing one changed here. A change carries the version it
 * was made on (If-Match): if someone changed the service meanwhile, nothing is overwritten and the newer version is
 * one click away.
 */
export function OwnServicesPage() {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const admin = profileOf(user).roles?.includes("admin") ?? false;
  const organisations = useOrganisations(admin);
  const [organisationId, setOrganisationId] = useState("");
  const services = useOwnServices(admin ? organisationId || undefined : undefined, !admin || Boolean(organisationId));
  const list = services.data?.pages.flatMap((page) => page.items) ?? [];
  const queryClient = useQueryClient();
  const [editing, setEditingState] = useState<Editing | null>(null);
  const [loadFailure, setLoadFailure] = useState<unknown>(null);
  const newer = useLoadNewer({
    load: async (service: ServiceRead) => {
      const saved = await queryClient.fetchQuery({
        queryKey: partnerKeys.service(service.id),
        queryFn: () => getService(service.id),
        staleTime: 0,
      });
      void queryClient.invalidateQueries({ queryKey: partnerKeys.services });
      return saved;
    },
    onLoaded: (saved) => {
      setLoadFailure(null);
      setEditingState({ mode: "edit", service: saved });
    },
    onFailed: setLoadFailure,
  });
  /** Another form (or none): a conflict of the one before is no longer this one's. */
  const setEditing = (next: Editing | null) => {
    newer.clear();
    setLoadFailure(null);
    setEditingState(next);
  };
  const [done, setDone] = useState<string | null>(null);
  const publish = usePublishService();
  const update = useUpdateService();
  const title = admin ? t("partners.services.adminTitle") : t("partners.services.title");

  const failed = (error: unknown, failures: FormErrors) => {
    if (failures.showProblem(error)) return;
    if (error instanceof ApiError && error.status === 404)
      failures.fail(t("errors.formTitle"), [t("partners.errors.notFound")]);
    else failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
  };

  const onSave = (values: ServiceForm, failures: FormErrors) => {
    setDone(null);
    const body = formToService(values);
    if (editing?.mode === "edit") {
      update.mutate(
        { service: editing.service, body },
        {
          onSuccess: (saved) => {
            setEditing(null);
            setDone(t("partners.services.saved", { name: localized(saved, "name", i18n.language), who: whoOf(saved) }));
          },
          onError: (error) => {
            if (!newer.lost(error)) failed(error, failures);
          },
        },
      );
    } else {
      publish.mutate(
        { ...body, organisation_id: admin ? values.organisation_id : null },
        {
          onSuccess: (saved) => {
            setEditing(null);
            setDone(
              t("partners.services.published", { name: localized(saved, "name", i18n.language), who: whoOf(saved) }),
            );
          },
          onError: (error) => failed(error, failures),
        },
      );
    }
  };
  const whoOf = (service: ServiceRead) => service.changed_by_name ?? profileOf(user).name ?? "–";

  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p>{admin ? t("partners.services.adminIntro") : t("partners.services.intro")}</p>
      {admin ? (
        <SelectField
          id="services-organisation"
          label={t("partners.services.organisation")}
          value={organisationId}
          onChange={(event) => {
            setOrganisationId(event.target.value);
            setEditing(null);
          }}
        >
          <option value="">{t("common.choose")}</option>
          {(organisations.data?.items ?? []).map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {organisation.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <SavedResult>{done}</SavedResult>
      {editing ? (
        <>
          {editing.mode === "edit" && newer.conflict ? (
            <VersionConflictNotice
              conflict={newer.conflict}
              text={() => t("partners.services.conflict")}
              onLoadNewer={() => void newer.loadNewer(editing.service)}
            />
          ) : null}
          {loadFailure ? (
            <ErrorAlert title={t("errors.formTitle")}>{loadErrorMessage(t, loadFailure)}</ErrorAlert>
          ) : null}
          <ServiceEditor
            key={editing.mode === "edit" ? `${editing.service.id}-${editing.service.version}` : "new"}
            service={editing.mode === "edit" ? editing.service : null}
            organisations={admin ? (organisations.data?.items ?? []) : undefined}
            saving={publish.isPending || update.isPending}
            onSave={onSave}
            onCancel={() => setEditing(null)}
          />
        </>
      ) : (
        <Button
          onClick={() => {
            setDone(null);
            setEditing({ mode: "create" });
          }}
        >
          {t("partners.services.create")}
        </Button>
      )}
      <section aria-labelledby="own-services-title" className="page-section">
        <h2 id="own-services-title">{t("partners.services.listTitle")}</h2>
        {services.isError ? <p role="alert">{loadErrorMessage(t, services.error)}</p> : null}
        {admin && !organisationId ? <p>{t("partners.services.chooseOrganisation")}</p> : null}
        {services.data ? <p role="status">{t("directory.shown", { count: list.length })}</p> : null}
        {services.data && !list.length ? <p>{t("partners.services.none")}</p> : null}
        {list.length ? (
          <ul className="plain-list plain-list--bare service-list">
            {list.map((service) => (
              <li key={service.id} className="service-card">
                <h3>{localized(service, "name", i18n.language)}</h3>
                <p>
                  {t(`partners.status.${service.status}`)} · {service.organisation_name}
                </p>
                <p>
                  <small>{changedBy(t, service)}</small>
                </p>
                <Button
                  variant={ButtonVariant.Secondary}
                  onClick={() => {
                    setDone(null);
                    setEditing({ mode: "edit", service });
                  }}
                  aria-label={t("partners.services.editNamed", { name: localized(service, "name", i18n.language) })}
                >
                  {t("partners.services.edit")}
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
        {services.hasNextPage ? (
          <Button
            variant={ButtonVariant.Secondary}
            onClick={() => void services.fetchNextPage()}
            disabled={services.isFetchingNextPage}
          >
            {t("directory.loadMore")}
          </Button>
        ) : null}
      </section>
    </>
  );
}
