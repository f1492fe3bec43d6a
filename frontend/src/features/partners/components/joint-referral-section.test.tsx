import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { fakeApi } from "../../../testing/fetch";
import { referral } from "../../../testing/referrals";
import { renderWithProviders } from "../../../testing/render";
import type { JointReferralRead } from "../api/types";
import { COUNTY, service, WORKSHOP } from "../testing";
import { JointReferralSection } from "./joint-referral-section";

const CLIENT = "6f1c2b8e-0000-4000-8000-000000000003";
const JOINT = "7b000000-0000-4000-8000-000000000001";
const assessment = service();
const workshop = service({
  organisation_id: WORKSHOP,
  organisation_name: "Lahden Setlementti",
  name_fi: "Nuorten työpaja",
  name_sv: "Verkstad för unga",
});

function joint(status: "draft" | "requested"): JointReferralRead {
  return {
    id: JOINT,
    client_id: CLIENT,
    sender_organisation_id: "lahti",
    sender_subject: "coach-aino",
    team_name: "Lahden TYP-viikkotiimi",
    decided_on: "2026-12-02",
    decision: "Alkupalvelu: työkyvyn arviointi ja nuorten työpaja",
    created_at: "2026-12-02T09:00:00Z",
    referrals: [
      referral(
        { status, joint_referral_id: JOINT, service_id: assessment.id, partner_organisation_id: COUNTY },
        "sender",
      ),
      referral(
        { status, joint_referral_id: JOINT, service_id: workshop.id, partner_organisation_id: WORKSHOP },
        "sender",
      ),
    ],
  };
}

describe("JointReferralSection", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => vi.unstubAllGlobals());

  it("shows the team's decision and who drafted it, and sends all or explains whose consent is missing", async () => {
    let sends = 0;
    const calls = fakeApi((call) => {
      if (call.path.startsWith("/api/referrals/v1/referrals?"))
        return { status: 200, body: { items: joint("draft").referrals, next_cursor: null } };
      if (call.method === "GET" && call.path === `/api/referrals/v1/joint-referrals/${JOINT}`)
        return { status: 200, body: joint("draft") };
      if (call.path === `/api/referrals/v1/services/${assessment.id}`) return { status: 200, body: assessment };
      if (call.path === `/api/referrals/v1/services/${workshop.id}`) return { status: 200, body: workshop };
      if (call.path.startsWith("/api/referrals/v1/services"))
        return { status: 200, body: { items: [assessment, workshop], next_cursor: null } };
      if (call.path === "/api/clients/v1/teams")
        return {
          status: 200,
          body: [{ id: "t", name: "Tiimi", members: [{ coach_subject: "coach-aino", display_name: "Aino Virtanen" }] }],
        };
      if (call.path === `/api/referrals/v1/joint-referrals/${JOINT}/send`) {
        sends += 1;
        return sends === 1
          ? {
              status: 409,
              body: {
                type: "https://polku.fi/problems/consent-missing",
                title: "Consent missing",
                status: 409,
                missing_by_organisation: { [WORKSHOP]: ["contact_details"] },
              },
            }
          : { status: 200, body: joint("requested") };
      }
      return undefined;
    });
    renderWithProviders(<JointReferralSection clientId={CLIENT} />);
    const item = await screen.findByRole("listitem", { name: "Lahden TYP-viikkotiimi, päätös 2.12.2026" });
    expect(item).toHaveTextContent("Alkupalvelu: työkyvyn arviointi ja nuorten työpaja");
    expect(await within(item).findByText(/Laatinut Aino Virtanen/)).toBeInTheDocument();
    expect(await within(item).findByText(/Nuorten työpaja \(Lahden Setlementti\): Luonnos/)).toBeInTheDocument();

    await userEvent.click(within(item).getByRole("button", { name: "Lähetä kaikki 2 luonnosta" }));
    const alert = await within(item).findByRole("alert");
    expect(alert).toHaveTextContent("Lahden Setlementti: suostumus puuttuu (Yhteystiedot)");
    expect(alert).toHaveTextContent("Yhtään lähetettä ei lähetetty.");

    await userEvent.click(within(item).getByRole("button", { name: "Lähetä kaikki 2 luonnosta" }));
    expect(
      await screen.findByText("Tiimin Lahden TYP-viikkotiimi yhteislähete lähetetty (2 lähetettä)."),
    ).toHaveFocus();
    expect(calls.filter((call) => call.path.endsWith("/send"))).toHaveLength(2);
  });

  it("drafts a joint referral to two services or more with the team's decision", async () => {
    const calls = fakeApi((call) => {
      if (call.path.startsWith("/api/referrals/v1/referrals?"))
        return { status: 200, body: { items: [], next_cursor: null } };
      if (call.method === "GET" && call.path.startsWith("/api/referrals/v1/services"))
        return { status: 200, body: { items: [assessment, workshop], next_cursor: null } };
      if (call.path === "/api/clients/v1/teams") return { status: 200, body: [] };
      if (call.method === "POST" && call.path === "/api/referrals/v1/joint-referrals")
        return { status: 201, body: joint("draft") };
      return undefined;
    });
    renderWithProviders(<JointReferralSection clientId={CLIENT} />);
    expect(await screen.findByText("Asiakkaalla ei ole yhteislähetteitä.")).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Uusi yhteislähete viikkotiimin päätöksellä" })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Uusi yhteislähete" }));
    const form = screen.getByRole("form", { name: "Uusi yhteislähete viikkotiimin päätöksellä" });
    await userEvent.click(await within(form).findByRole("checkbox", { name: /Työ- ja toimintakyvyn arviointi/ }));
    await userEvent.type(within(form).getByRole("textbox", { name: /^Lähetteen peruste/ }), "TYP-asiakkuus");
    await userEvent.type(within(form).getByRole("textbox", { name: /^Tiimi \*?$/ }), "Lahden TYP-viikkotiimi");
    await userEvent.type(within(form).getByRole("textbox", { name: /^Tiimin päätös/ }), "Arviointi ja työpaja");
    await userEvent.click(within(form).getByRole("button", { name: "Laadi yhteislähete" }));
    expect(await within(form).findAllByText(/Valitse vähintään kaksi palvelua/)).not.toHaveLength(0);
    expect(calls.some((call) => call.method === "POST")).toBe(false);

    await userEvent.click(within(form).getByRole("checkbox", { name: /Nuorten työpaja/ }));
    await userEvent.click(within(form).getByRole("button", { name: "Laadi yhteislähete" }));
    expect(
      await screen.findByText(/Yhteislähete laadittu 2 palveluun tiimin Lahden TYP-viikkotiimi päätöksellä/),
    ).toBeInTheDocument();
    expect(form).not.toBeInTheDocument();
    const posted = calls.find((call) => call.method === "POST")!.body as Record<string, unknown>;
    expect(posted).toMatchObject({
      client_id: CLIENT,
      service_ids: [assessment.id, workshop.id],
      categories: ["contact_details"],
      reason: "TYP-asiakkuus",
      team: { team_name: "Lahden TYP-viikkotiimi", decision: "Arviointi ja työpaja" },
    });
  }, 30_000);
});
