import type { ReferralRead } from "../features/referrals/api/types";

const COUNTY = "0b0c8f6e-6f1a-4c36-9d55-000000000002";

/** A referral as referrals-api answers it, sent to the wellbeing county unless told otherwise. */
export function referral(overrides: Partial<ReferralRead>): ReferralRead {
  return {
    id: crypto.randomUUID(),
    client_id: "c",
    service_id: "s",
    partner_organisation_id: COUNTY,
    sender_organisation_id: "lahti",
    sender_subject: "coach",
    joint_referral_id: null,
    status: "requested",
    categories: ["identity"],
    reason: "Syy",
    consent_id: null,
    sent_at: "2026-11-20T08:00:00Z",
    due_on: "2026-11-27",
    first_response_at: null,
    accepted_at: null,
    closed_at: null,
    rejection_reason: null,
    outcome: null,
    feedback_score: null,
    feedback_text: null,
    created_at: "2026-11-20T08:00:00Z",
    updated_at: "2026-11-20T08:00:00Z",
    version: 1,
    ...overrides,
  };
}
