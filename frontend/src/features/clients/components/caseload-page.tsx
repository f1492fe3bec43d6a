import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { Button } from "../../../components/button";
import { PageHeading } from "../../../components/page-heading";
import { useClientSearch } from "../api/search-clients";
import { loadErrorMessage } from "../../../lib/form-errors";
import { ClientTable, loadMoreAndFocus } from "./client-table";
import { MorningSection } from "./morning-filters";

function MyClientsSection({ coach }: { coach: string }) {
  const { t } = useTranslation();
  const search = useClientSearch({ coach });
  const clients = search.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="my-clients-title" className="page-section">
      <h2 id="my-clients-title">{t("caseload.myClients")}</h2>
      {search.isPending ? <p>{t("app.loading")}</p> : null}
      {search.isError ? <p role="alert">{loadErrorMessage(t, search.error)}</p> : null}
      {search.data && clients.length === 0 ? <p>{t("caseload.noClients")}</p> : null}
      {clients.length ? <ClientTable id="my-clients" clients={clients} caption={t("caseload.myClients")} /> : null}
      {search.hasNextPage ? (
        <Button
          variant="secondary"
          onClick={() => void loadMoreAndFocus("my-clients", clients.length, search.fetchNextPage)}
          disabled={search.isFetchingNextPage}
        >
          {t("search.loadMore")}
        </Button>
      ) : null}
    </section>
  );
}

/** The coach's home: the panels the app gives (the clients who need something today, the meetings, what arrived
 * since the last visit), the morning filters, and the coach's own clients. */
export function CaseloadPage({ coach, name, children }: { coach: string; name?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t("caseload.title")}>{t("caseload.title")}</PageHeading>
      <p>{t("home.welcome", { name: name ?? "" })}</p>
      <p className="page-actions">
        <Link to="/clients/new">{t("register.title")}</Link>
        <Link to="/clients">{t("search.title")}</Link>
      </p>
      {children}
      <MorningSection />
      <MyClientsSection coach={coach} />
    </>
  );
}
