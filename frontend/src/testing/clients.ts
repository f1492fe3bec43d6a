import type { components } from "../client/generated/clients";

type ClientRead = components["schemas"]["ClientRead"];

export const CLIENT_ID = "6f1c2b8e-0000-4000-8000-000000000009";

/** A client as the clients service reads one, changed by ``overrides``. */
export function clientRead(overrides: Partial<ClientRead> = {}): ClientRead {
  return {
    id: CLIENT_ID,
    first_names: "Onni",
    last_name: "Heikkinen",
    personal_identity_code_masked: "051104B***X",
    personal_identity_code: "051104B110X",
    birth_date: "2004-11-05",
    home_municipality: "016",
    home_municipality_name: { fi: "Asikkala", sv: "Asikkala" },
    status: "unemployed",
    coach_subject: null,
    target_groups: ["under_25", "under_30", "newly_unemployed"],
    needs_named_coach: true,
    email: null,
    phone: null,
    languages: ["fi"],
    citizenship: null,
    mother_tongue: null,
    job_search_started_on: "2026-10-31",
    version: 1,
    created_at: "2026-10-31T08:00:00Z",
    updated_at: "2026-10-31T08:00:00Z",
    ...overrides,
  };
}
