import { Button, ButtonVariant, TextInput } from "hds-react";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";

import { MunicipalitiesLoaded } from "../../../components/municipalities-loaded";
import { PageHeading } from "../../../components/page-heading";
import { SelectField } from "../../../components/select-field";
import { type ClientSearch, useClientSearch } from "../api/search-clients";
import { CLIENT_STATUSES, type ClientStatus } from "../api/types";
import { useMunicipalityNames } from "../../../lib/municipalities";
import { loadErrorMessage } from "../../../lib/form-errors";
import { ClientTable, loadMoreAndFocus } from "./client-table";

const KEYS = ["name", "personal_identity_code", "municipality", "status"] as const;
/** Criteria that name a person: never in the URL. */
const PERSONAL = ["name", "personal_identity_code"] as const;
type PersonalCriteria = Pick<ClientSearch, (typeof PERSONAL)[number]>;

/**
 * The names and identity codes searched in this page load, by an opaque id that the URL carries (``q``): a person's
 * name or identity code never enters the address bar, the browser's history or an access log, while back and
 * forward still return to a search's results. Kept in memory only, so a reload or a sign-out forgets them.
 */
const personalCriteria = new Map<string, PersonalCriteria>();
const REMEMBERED = 20;

function remember(criteria: PersonalCriteria): string {
  const id = crypto.randomUUID();
  personalCriteria.set(id, criteria);
  for (const oldest of personalCriteria.keys()) {
    if (personalCriteria.size <= REMEMBERED) break;
    personalCriteria.delete(oldest);
  }
  return id;
}

function searchFrom(params: URLSearchParams): ClientSearch {
  return {
    ...personalCriteria.get(params.get("q") ?? ""),
    municipality: params.get("municipality") ?? undefined,
    status: (params.get("status") as ClientStatus | null) ?? undefined,
  };
}

function draftFrom(search: ClientSearch): Record<(typeof KEYS)[number], string> {
  return {
    name: search.name ?? "",
    personal_identity_code: search.personal_identity_code ?? "",
    municipality: search.municipality ?? "",
    status: search.status ?? "",
  };
}

/**
 * Search by name, personal identity code, municipality and status. Municipality and status live in the URL; a name
 * and an identity code do not (see ``personalCriteria``), and the search sends them in a request body.
 */
export function SearchPage() {
  const { t } = useTranslation();
  const municipalities = useMunicipalityNames();
  const [params, setParams] = useSearchParams();
  const search = searchFrom(params);
  const searched = KEYS.some((key) => search[key]);
  // An address saved before names left the URL: its name and identity code are dropped from the history entry.
  const stale = PERSONAL.some((key) => params.has(key));
  useEffect(() => {
    if (!stale) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const key of PERSONAL) next.delete(key);
        return next;
      },
      { replace: true },
    );
  }, [stale, setParams]);
  const [draft, setDraft] = useState(() => draftFrom(search));
  // Back and forward change the URL: the form shows the criteria of the search on screen.
  const query = params.toString();
  const [draftFor, setDraftFor] = useState(query);
  if (draftFor !== query) {
    setDraftFor(query);
    setDraft(draftFrom(search));
  }
  const results = useClientSearch(search, searched);
  const clients = results.data?.pages.flatMap((page) => page.items) ?? [];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    const personal: PersonalCriteria = {};
    for (const key of PERSONAL) if (draft[key].trim()) personal[key] = draft[key].trim();
    if (Object.keys(personal).length) next.set("q", remember(personal));
    for (const key of ["municipality", "status"] as const) if (draft[key].trim()) next.set(key, draft[key].trim());
    setParams(next);
  };
  const change = (key: (typeof KEYS)[number]) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [key]: event.target.value }));

  return (
    <>
      <PageHeading title={t("search.title")}>{t("search.title")}</PageHeading>
      <p className="page-actions">
        <Link to="/clients/new">{t("register.title")}</Link>
      </p>
      <form role="search" className="form form--inline" onSubmit={onSubmit} aria-label={t("search.title")}>
        <TextInput id="search-name" label={t("client.name")} value={draft.name} onChange={change("name")} />
        <TextInput
          id="search-identity-code"
          label={t("client.personalIdentityCode")}
          value={draft.personal_identity_code}
          onChange={change("personal_identity_code")}
          autoComplete="off"
        />
        <MunicipalitiesLoaded>
          <SelectField
            id="search-municipality"
            label={t("client.homeMunicipality")}
            value={draft.municipality}
            onChange={change("municipality")}
          >
            <option value="">{t("common.all")}</option>
            {municipalities.list.map((municipality) => (
              <option key={municipality.code} value={municipality.code}>
                {municipalities.name(municipality.code)}
              </option>
            ))}
          </SelectField>
        </MunicipalitiesLoaded>
        <SelectField id="search-status" label={t("client.status")} value={draft.status} onChange={change("status")}>
          <option value="">{t("common.all")}</option>
          {CLIENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </SelectField>
        <div className="form__actions">
          <Button type="submit">{t("search.submit")}</Button>
        </div>
      </form>
      <section aria-labelledby="results-title" className="page-section">
        <h2 id="results-title">{t("search.results")}</h2>
        <p role="status">
          {!searched
            ? t("search.hint")
            : results.isPending
              ? t("app.loading")
              : results.isError
                ? loadErrorMessage(t, results.error)
                : t("search.shown", { count: clients.length })}
        </p>
        {clients.length ? <ClientTable id="search-results" clients={clients} caption={t("search.results")} /> : null}
        {results.hasNextPage ? (
          <Button
            variant={ButtonVariant.Secondary}
            onClick={() => void loadMoreAndFocus("search-results", clients.length, results.fetchNextPage)}
            disabled={results.isFetchingNextPage}
          >
            {t("search.loadMore")}
          </Button>
        ) : null}
      </section>
    </>
  );
}
