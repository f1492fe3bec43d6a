import { Button, ButtonVariant } from "hds-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { PageHeading } from "../../../components/page-heading";
import { formatDate } from "../../../lib/format";
import { useDueList } from "../api/get-due-list";
import { useClientSearch } from "../api/search-clients";
import type { DueItem } from "../api/types";
import { loadErrorMessage } from "../../../lib/form-errors";
import { ClientTable, loadMoreAndFocus } from "./client-table";
import { MorningSection } from "./morning-filters";

function DueTable({ items, caption }: { items: DueItem[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrapper">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("client.name")}</th>
            <th scope="col">{t("schedule.deadline")}</th>
            <th scope="col">{t("schedule.dueOn")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={`${item.client_id}-${item.kind}-${item.number}`}>
              <th scope="row">
                <Link to={`/clients/${item.client_id}#schedule`}>{item.client_name}</Link>
              </th>
              <td>{t(`deadlineKind.${item.kind}`, { number: item.number })}</td>
              <td>{formatDate(item.due_on)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DueListSection() {
  const { t } = useTranslation();
  const dueList = useDueList();
  const overdue = dueList.data?.items.filter((item) => item.status === "overdue") ?? [];
  const thisWeek = dueList.data?.items.filter((item) => item.status !== "overdue") ?? [];
  return (
    <section aria-labelledby="due-title" className="page-section">
      <h2 id="due-title">{t("caseload.dueTitle")}</h2>
      {dueList.isPending ? <p>{t("app.loading")}</p> : null}
      {dueList.isError ? <p role="alert">{loadErrorMessage(t, dueList.error)}</p> : null}
      {dueList.data ? (
        <>
          <h3>{t("caseload.overdue", { n: overdue.length })}</h3>
          {overdue.length ? (
            <DueTable items={overdue} caption={t("caseload.overdueCaption")} />
          ) : (
            <p>{t("caseload.noneOverdue")}</p>
          )}
          <h3>{t("caseload.thisWeek", { n: thisWeek.length })}</h3>
          {thisWeek.length ? (
            <DueTable items={thisWeek} caption={t("caseload.thisWeekCaption")} />
          ) : (
            <p>{t("caseload.noneThisWeek")}</p>
          )}
        </>
      ) : null}
    </section>
  );
}

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
          variant={ButtonVariant.Secondary}
          onClick={() => void loadMoreAndFocus("my-clients", clients.length, search.fetchNextPage)}
          disabled={search.isFetchingNextPage}
        >
          {t("search.loadMore")}
        </Button>
      ) : null}
    </section>
  );
}

/** The coach's home: what is due (overdue first, then this week), the morning filters, and the coach's own clients. */
export function CaseloadPage({ coach, name }: { coach: string; name?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t("caseload.title")}>{t("caseload.title")}</PageHeading>
      <p>{t("home.welcome", { name: name ?? "" })}</p>
      <p className="page-actions">
        <Link to="/clients/new">{t("register.title")}</Link>
        <Link to="/clients">{t("search.title")}</Link>
      </p>
      <DueListSection />
      <MorningSection />
      <MyClientsSection coach={coach} />
    </>
  );
}
