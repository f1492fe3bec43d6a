import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { formatDate } from "../../../lib/format";
import { loadErrorMessage } from "../../../lib/form-errors";
import { useOffers } from "../api/list-offers";
import { useVacancy } from "../api/get-vacancy";
import type { OfferStatus } from "../api/types";
import { type Me, useActedBy } from "./people";

/** An offer the client has still to answer, or applied to without a hiring decision yet. */
const OPEN: readonly OfferStatus[] = ["sent", "applied"];

function VacancyTitle({ vacancyId }: { vacancyId: string }) {
  const { i18n } = useTranslation();
  const vacancy = useVacancy(vacancyId);
  if (!vacancy.data) return <>…</>;
  const { title_fi, title_sv, title_en } = vacancy.data;
  return <>{(i18n.language === "sv" ? title_sv : i18n.language === "en" ? title_en : null) || title_fi}</>;
}

/** The client's open job offers (*työtarjoukset*) for the summary of the client's workspace: the vacancy (a link to
 * it), its status, by when the client is to answer and who offered it. */
export function OpenOffers({ clientId, me }: { clientId: string; me?: Me }) {
  const { t } = useTranslation();
  const actedBy = useActedBy(me);
  const offers = useOffers({ client_id: clientId });
  const open = (offers.data ?? []).filter((offer) => OPEN.includes(offer.status));
  return (
    <dl className="summary-list">
      <dt>{t("employers.offers.open")}</dt>
      <dd>
        {offers.isError ? (
          loadErrorMessage(t, offers.error)
        ) : open.length ? (
          <ul className="inline-list">
            {open.map((offer) => (
              <li key={offer.id}>
                <Link to={`/vacancies/${offer.vacancy_id}`}>
                  <VacancyTitle vacancyId={offer.vacancy_id} />
                </Link>{" "}
                <span className="badge">{t(`employers.offerStatus.${offer.status}`)}</span>
                {offer.status === "sent"
                  ? ` ${t("employers.offers.respondBy", { date: formatDate(offer.respond_by) })}`
                  : ""}{" "}
                {t("employers.offers.offeredBy", {
                  by: actedBy(offer.offered_by, offer.offered_by_name, offer.offered_by_organisation_name),
                })}
              </li>
            ))}
          </ul>
        ) : offers.data ? (
          t("employers.offers.noneOpen")
        ) : (
          "…"
        )}
      </dd>
    </dl>
  );
}
