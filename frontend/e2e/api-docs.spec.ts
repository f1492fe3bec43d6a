import { expect, test } from "@playwright/test";

import { expectAccessible } from "./support";

test("a partner's developer finds the gateway paths, parameter meanings and an example in the reference", async ({
  page,
}) => {
  await page.goto("/api/docs/");
  const referrals = page.getByRole("region", { name: "referrals-api" });
  // Every path carries the gateway's prefix.
  const listSummary = referrals.locator("summary").filter({ hasText: /^GET\/api\/referrals\/v1\/referrals — / });
  await expect(listSummary).toHaveCount(1);
  await listSummary.click();
  const listDetails = listSummary.locator("xpath=..");
  await expect(listDetails.getByRole("table", { name: "Parameters" })).toContainText("next_cursor");
  await expect(listDetails.getByRole("row", { name: /^client_id/ })).toContainText("Only those of this client");
  await expect(listDetails).toContainText('curl -s "$BASE/api/referrals/v1/referrals"');
  await expect(listDetails).toContainText("Example answer (200)");

  const move = referrals
    .locator("summary")
    .filter({ hasText: "/api/referrals/v1/referrals/{referral_id}/transitions" });
  await move.click();
  const moveDetails = move.locator("xpath=..");
  await expect(moveDetails.getByRole("row", { name: /referral_id/ })).toContainText("The referral's id (a UUID)");
  await expect(moveDetails).toContainText('-H "Idempotency-Key: $(uuidgen)"');
  // The enumeration of a body field lists its values.
  const status = referrals.locator("details#ReferralStatus");
  await status.locator("summary").click();
  await expect(status).toContainText("accepted");
  await expectAccessible(page);

  await page.getByRole("link", { name: "New here? Start here" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Start here: your first call to Polku in five minutes",
  );
  await expect(page.getByRole("table", { name: /Demo machine clients/ })).toContainText("partner-kela-secret");
  await expect(page.getByRole("region", { name: "2. Get a token" })).toContainText("grant_type=client_credentials");
  await expectAccessible(page);
});
