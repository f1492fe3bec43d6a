import type { ConsentRead, DataCategory, DueReferral, ReferralRead, ReferralStatus, ServiceRead } from "./api/types";

/** Who the viewer is to a referral: the sending authority's staff or the receiving partner. */
export type Party = "sender" | "partner";

/** The statuses in which the partner may write a progress note. */
export const PROGRESS_STATUSES: readonly ReferralStatus[] = ["accepted", "in_progress", "on_hold"];

/** The statuses in which a referral carries the client's data (referrals-api ``DATA_STATUSES``). */
export const DATA_STATUSES: readonly ReferralStatus[] = [
  "requested",
  "received",
  "accepted",
  "in_progress",
  "on_hold",
  "completed",
];

/** Open statuses shown on the board, each its own section, in the order a referral goes through them. */
export const OPEN_STATUSES = ["requested", "received", "accepted", "in_progress", "on_hold"] as const;
/** Closed statuses the board shows the latest of. */
export const CLOSED_STATUSES = ["completed", "rejected", "cancelled", "expired"] as const;

export function partyOf(roles: readonly string[] | undefined): Party {
  const staff = roles?.some((role) => role === "coach" || role === "manager" || role === "admin") ?? false;
  return roles?.includes("partner") && !staff ? "partner" : "sender";
}

/** A service's name or description in the UI language, falling back to Finnish. */
export function localized(service: ServiceRead, field: "name" | "description", language: string): string {
  const key = `${field}_${language === "sv" || language === "en" ? language : "fi"}` as const;
  return service[key as `${typeof field}_fi`] || service[`${field}_fi`];
}

export interface CategoryCoverage {
  category: DataCategory;
  /** Some consent in force today to this recipient covers the category. */
  covered: boolean;
}

export interface ConsentCoverage {
  categories: CategoryCoverage[];
  /** One consent in force covers every category: referrals-api's check at sending will pass. */
  holds: boolean;
  /** Categories the best single consent leaves uncovered (what the service would name in its 409). */
  missing: DataCategory[];
}

/**
 * Whether the client's consents in force today cover sharing ``categories`` with ``recipient``. As clients-api's
 * consent check does, one consent must cover them all (the best one is the one leaving the fewest uncovered).
 */
export function consentCoverage(
  consents: readonly ConsentRead[],
  recipient: string,
  categories: readonly DataCategory[],
): ConsentCoverage {
  const inForce = consents.filter((consent) => consent.in_force && consent.recipient_organisation_id === recipient);
  let missing: DataCategory[] = [...categories];
  for (const consent of inForce) {
    const uncovered = categories.filter((category) => !consent.categories.includes(category));
    if (uncovered.length < missing.length) missing = uncovered;
  }
  return {
    categories: categories.map((category) => ({
      category,
      covered: inForce.some((consent) => consent.categories.includes(category)),
    })),
    holds: categories.length > 0 && missing.length === 0 && inForce.length > 0,
    missing,
  };
}

/** The due list as the board shows it: overdue first, then by working days left, then by due day. */
export function attentionOrder(due: readonly DueReferral[]): DueReferral[] {
  return [...due].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      a.working_days_left - b.working_days_left ||
      (a.referral.due_on ?? "").localeCompare(b.referral.due_on ?? ""),
  );
}

const INBOX_ORDER: ReferralStatus[] = ["requested", "received", "accepted", "in_progress", "on_hold"];

/** A partner's inbox: new (requested) first, then received, accepted and in progress; within each, the earliest due first. */
export function inboxOrder(referrals: readonly ReferralRead[]): ReferralRead[] {
  return referrals
    .filter((referral) => INBOX_ORDER.includes(referral.status))
    .sort(
      (a, b) =>
        INBOX_ORDER.indexOf(a.status) - INBOX_ORDER.indexOf(b.status) ||
        (a.due_on ?? "9999").localeCompare(b.due_on ?? "9999") ||
        (a.sent_at ?? "").localeCompare(b.sent_at ?? ""),
    );
}

/** Closed referrals, the most recently closed first. */
export function recentlyClosed(referrals: readonly ReferralRead[], limit = 10): ReferralRead[] {
  return [...referrals].sort((a, b) => (b.closed_at ?? "").localeCompare(a.closed_at ?? "")).slice(0, limit);
}
