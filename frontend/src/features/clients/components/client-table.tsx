import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { ClientSummary } from "../api/types";
import { useMunicipalityNames } from "../../../lib/municipalities";

/** Clients as a table: name (link to the client page), masked identity code, municipality, status, notes. */
export function ClientTable({ clients, caption, id }: { clients: ClientSummary[]; caption: string; id: string }) {
  const { t } = useTranslation();
  const municipalities = useMunicipalityNames();
  return (
    <div className="table-wrapper">
      <table className="data-table" id={id}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("client.name")}</th>
            <th scope="col">{t("client.personalIdentityCode")}</th>
            <th scope="col">{t("client.homeMunicipality")}</th>
            <th scope="col">{t("client.status")}</th>
            <th scope="col">{t("client.targetGroups")}</th>
          </tr>
        </thead>
        <tbody>
          {clients.map((client) => (
            <tr key={client.id}>
              <th scope="row">
                <Link to={`/clients/${client.id}`}>
                  {client.last_name}, {client.first_names}
                </Link>
                {client.needs_named_coach ? (
                  <span className="badge badge--alert"> {t("client.needsNamedCoachShort")}</span>
                ) : null}
              </th>
              <td>{client.personal_identity_code_masked}</td>
              <td>{municipalities.name(client.home_municipality)}</td>
              <td>{t(`status.${client.status}`)}</td>
              <td>{client.target_groups.map((group) => t(`targetGroup.${group}`)).join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * After "show more", focus moves to the first client that was added, so that a keyboard user continues from
 * there (the button may disappear when the last page has come).
 */
export async function loadMoreAndFocus(tableId: string, shownBefore: number, fetchNextPage: () => Promise<unknown>) {
  await fetchNextPage();
  requestAnimationFrame(() => {
    document.querySelectorAll<HTMLAnchorElement>(`#${tableId} tbody a`)[shownBefore]?.focus();
  });
}
