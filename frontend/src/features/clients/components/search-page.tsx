import { Button, ButtonVariant, TextInput } from "hds-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";

import { PageHeading } from "../../../components/page-heading";
import { SelectField } from "../../../components/select-field";
import { type ClientSearch, useClientSearch } from "../api/search-clients";
import { CLIENT_STATUSES, type ClientStatus } from "../api/types";
import { MUNICIPALITIES, municipalityName } from "../../../lib/municipalities";
import { loadErrorMessage } from "../../../lib/form-errors";
import { ClientTable, loadMoreAndFocus } from "./client-table";

const KEYS = ["name", "personal_identity_code", "municipality", "status"] as const;

function searchFrom(params: URLSearchParams): ClientSearch {
  return {
    name: params.get("name") ?? undefined,
    personal_identity_code: params.get("personal_identity_code") ?? undefined,
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

/** Search by name, personal identity code, municipality and status; the criteria live in the URL. */
export function SearchPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const search = searchFrom(params);
  const searched = KEYS.some((key) => params.get(key));
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
    for (const key of KEYS) if (draft[key].trim()) next.set(key, draft[key].trim());
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
        <SelectField id="search-municipality" label={t("client.homeMunicipality")} value={draft.municipality} onChange={change("municipality")}>
          <option value="">{t("common.all")}</option>
          {MUNICIPALITIES.map((municipality) => (
            <option key={municipality.code} value={municipality.code}>
              {municipalityName(municipality.code, i18n.language)}
            </option>
          ))}
        </SelectField>
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
