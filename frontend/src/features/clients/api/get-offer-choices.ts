import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";

/** A job offer a hand-reported application may answer, with what the report form fills in from it. */
export interface OfferChoice {
  id: string;
  respondBy: string;
  titles: { fi: string; sv: string | null; en: string | null };
  employer: string;
}

async function vacancy(vacancyId: string) {
  const { data } = await unwrap(
    api.employer.GET("/v1/vacancies/{vacancy_id}", { params: { path: { vacancy_id: vacancyId } } }),
  );
  return data;
}

async function employer(employerId: string) {
  const { data } = await unwrap(
    api.employer.GET("/v1/employers/{employer_id}", { params: { path: { employer_id: employerId } } }),
  );
  return data;
}

/**
 * The client's job offers (employer-api) a hand report may name: those still awaiting the client's answer (`sent`;
 * one the client applied for already counts by its outcome) that no reported application names yet, each with its
 * vacancy's titles and its employer's name.
 */
export async function listOfferChoices(clientId: string): Promise<OfferChoice[]> {
  const [{ data: offers }, { data: applications }] = await Promise.all([
    unwrap(
      api.employer.GET("/v1/job-offers", { params: { query: { client_id: clientId, status: "sent", limit: 200 } } }),
    ),
    unwrap(
      api.clients.GET("/v1/clients/{client_id}/job-search/applications", {
        params: { path: { client_id: clientId } },
      }),
    ),
  ]);
  const named = new Set(applications.map((application) => application.job_offer_id));
  const open = offers.filter((offer) => !named.has(offer.id));
  const vacancies = new Map(
    await Promise.all(
      [...new Set(open.map((offer) => offer.vacancy_id))].map(async (id) => [id, await vacancy(id)] as const),
    ),
  );
  const employers = new Map(
    await Promise.all(
      [...new Set([...vacancies.values()].map((row) => row.employer_id))].map(
        async (id) => [id, await employer(id)] as const,
      ),
    ),
  );
  return open.map((offer) => {
    const row = vacancies.get(offer.vacancy_id)!;
    return {
      id: offer.id,
      respondBy: offer.respond_by,
      titles: { fi: row.title_fi, sv: row.title_sv ?? null, en: row.title_en ?? null },
      employer: employers.get(row.employer_id)!.name,
    };
  });
}

/** The job offers the report of an application may answer (read when the report form opens). */
export const useOfferChoices = (clientId: string) =>
  useQuery({ queryKey: clientKeys.offerChoices(clientId), queryFn: () => listOfferChoices(clientId) });
