import { describe, expect, it } from "vitest";

import { referral } from "../../testing/referrals";
import type { ConsentRead, DueReferral } from "./api/types";
import { attentionOrder, consentCoverage, inboxOrder, localized, partyOf } from "./lifecycle";

const COUNTY = "0b0c8f6e-6f1a-4c36-9d55-000000000002";
const KELA = "0b0c8f6e-6f1a-4c36-9d55-000000000003";

function consent(overrides: Partial<ConsentRead>): ConsentRead {
  return {
    id: crypto.randomUUID(),
    client_id: "c",
    recipient_organisation_id: COUNTY,
    categories: ["identity"],
    purpose: "Arviointi",
    valid_from: "2026-01-01",
    valid_until: null,
    recorded_by: "coach",
    recorded_at: "2026-01-01T08:00:00Z",
    withdrawn_at: null,
    withdrawn_by: null,
    in_force: true,
    ...overrides,
  };
}

describe("consentCoverage", () => {
  it("covers each category a consent in force to that recipient names, and holds when one consent covers all", () => {
    const coverage = consentCoverage([consent({ categories: ["identity", "assessment"] })], COUNTY, [
      "identity",
      "assessment",
    ]);
    expect(coverage.holds).toBe(true);
    expect(coverage.missing).toEqual([]);
    expect(coverage.categories.every((item) => item.covered)).toBe(true);
  });

  it("ignores consents to another organisation, withdrawn ones and those not in force", () => {
    const coverage = consentCoverage(
      [
        consent({ recipient_organisation_id: KELA, categories: ["identity", "plan"] }),
        consent({ categories: ["plan"], in_force: false, withdrawn_at: "2026-11-01T08:00:00Z" }),
        consent({ categories: ["identity"] }),
      ],
      COUNTY,
      ["identity", "plan"],
    );
    expect(coverage.holds).toBe(false);
    expect(coverage.categories).toEqual([
      { category: "identity", covered: true },
      { category: "plan", covered: false },
    ]);
    expect(coverage.missing).toEqual(["plan"]);
  });

  it("does not hold when each category is covered but by different consents (one must cover all)", () => {
    const coverage = consentCoverage(
      [consent({ categories: ["identity"] }), consent({ categories: ["plan"] })],
      COUNTY,
      ["identity", "plan"],
    );
    expect(coverage.categories.every((item) => item.covered)).toBe(true);
    expect(coverage.holds).toBe(false);
    expect(coverage.missing).toHaveLength(1);
  });

  it("holds for nothing when nothing is chosen", () => {
    expect(consentCoverage([consent({})], COUNTY, []).holds).toBe(false);
  });
});

describe("ordering", () => {
  it("puts overdue referrals first on the board, then the fewest working days left", () => {
    const due = (id: string, overdue: boolean, left: number): DueReferral => ({
      referral: referral({ id }),
      overdue,
      working_days_left: left,
    });
    const ordered = attentionOrder([
      due("later", false, 4),
      due("late", true, -1),
      due("soon", false, 1),
      due("latest", true, -3),
    ]);
    expect(ordered.map((item) => item.referral.id)).toEqual(["latest", "late", "soon", "later"]);
  });

  it("puts new referrals first in a partner's inbox, then received, accepted and in progress; leaves closed ones out", () => {
    const ordered = inboxOrder([
      referral({ id: "started", status: "in_progress" }),
      referral({ id: "accepted", status: "accepted" }),
      referral({ id: "new-later", status: "requested", due_on: "2026-12-01" }),
      referral({ id: "done", status: "completed" }),
      referral({ id: "received", status: "received" }),
      referral({ id: "new-soon", status: "requested", due_on: "2026-11-26" }),
    ]);
    expect(ordered.map((item) => item.id)).toEqual(["new-soon", "new-later", "received", "accepted", "started"]);
  });
});

describe("the lifecycle the screens offer", () => {
  it("treats a partner user as the partner and staff as the sender", () => {
    expect(partyOf(["partner"])).toBe("partner");
    expect(partyOf(["coach"])).toBe("sender");
    expect(partyOf(undefined)).toBe("sender");
  });

  it("names a service in the reader's language, falling back to Finnish", () => {
    const service = { name_fi: "Nuorten työpaja", name_sv: "Ungdomsverkstad", name_en: null } as never;
    expect(localized(service, "name", "sv")).toBe("Ungdomsverkstad");
    expect(localized(service, "name", "en")).toBe("Nuorten työpaja");
  });
});
