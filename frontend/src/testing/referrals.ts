import type { ReferralRead, ReferralStatus } from "../features/referrals/api/types";

const COUNTY = "0b0c8f6e-6f1a-4c36-9d55-000000000002";

/** Who reads the referral: the sending authority's staff or the receiving partner. */
export type Viewer = "sender" | "partner";

/**
 * The ``allowed_transitions`` referrals-api answers to each viewer in each status (its lifecycle table), so that
 * the fakes answer as the service does; the SPA itself takes the moves from the answer.
 */
export const ANSWERED_MOVES: Record<Viewer, Partial<Record<ReferralStatus, ReferralStatus[]>>> = {
  partner: {
    requested: ["received", "accepted", "rejected"],
    received: ["accepted", "rejected"],
    accepted: ["in_progress", "on_hold", "completed", "cancelled"],
    in_progress: ["on_hold", "completed", "cancelled"],
    on_hold: ["in_progress", "cancelled"],
  },
  sender: {
    draft: ["cancelled"],
    requested: ["cancelled"],
    received: ["cancelled"],
    accepted: ["cancelled"],
    in_progress: ["cancelled"],
    on_hold: ["cancelled"],
  },
};

/** A referral as referrals-api answers it to ``viewer``, sent to the wellbeing county unless told otherwise. */
export function referral(overrides: Partial<ReferralRead>, viewer: Viewer = "partner"): ReferralRead {
  const status = overrides.status ?? "requested";
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
    allowed_transitions: ANSWERED_MOVES[viewer][status] ?? [],
    ...overrides,
  };
}
