import { Button, ButtonVariant, TextInput } from "hds-react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { ChoiceSelect } from "../../../components/choice-select";
import { FilterForm } from "../../../components/filter-form";
import { MunicipalitySelect } from "../../../components/municipality-select";
import { PageHeading } from "../../../components/page-heading";
import { useFilterDraft } from "../../../components/use-filter-draft";
import { type ClientSearch, useClientSearch } from "../api/search-clients";
import { CLIENT_STATUSES, type ClientStatus } from "../api/types";
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
  const filters = useFilterDraft(KEYS, (params) => draftFrom(searchFrom(params)));
  const { params, setParams } = filters;
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
  const results = useClientSearch(search, searched);
  const clients = results.data?.pages.flatMap((page) => page.items) ?? [];

  const onFilter = () => {
    const next = new URLSearchParams();
    const personal: PersonalCriteria = {};
    for (const key of PERSONAL) if (filters.draft[key].trim()) personal[key] = filters.draft[key].trim();
    if (Object.keys(personal).length) next.set("q", remember(personal));
    for (const [key, value] of filters.filled(["municipality", "status"])) next.set(key, value);
    setParams(next);
  };

  return (
    <>
      <PageHeading title={t("search.title")}>{t("search.title")}</PageHeading>
      <p className="page-actions">
        <Link to="/clients/new">{t("register.title")}</Link>
      </p>
      <FilterForm label={t("search.title")} submitLabel={t("search.submit")} onFilter={onFilter}>
        <TextInput id="search-name" label={t("client.name")} {...filters.field("name")} />
        <TextInput
          id="search-identity-code"
          label={t("client.personalIdentityCode")}
          {...filters.field("personal_identity_code")}
          autoComplete="off"
        />
        <MunicipalitySelect
          id="search-municipality"
          label={t("client.homeMunicipality")}
          noChoice={t("common.all")}
          {...filters.field("municipality")}
        />
        <ChoiceSelect
          id="search-status"
          label={t("client.status")}
          noChoice={t("common.all")}
          choices={CLIENT_STATUSES}
          choiceLabel={(status) => t(`status.${status}`)}
          {...filters.field("status")}
        />
      </FilterForm>
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
