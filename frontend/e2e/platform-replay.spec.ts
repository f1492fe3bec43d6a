import { randomUUID } from "node:crypto";

import { expect, type Page, test } from "@playwright/test";

import { isoDay, sendPlatformEvent } from "./platform";
import { expectAccessible, login, openTab, randomIdentityCode } from "./support";

// The throwaway stack parks an event after three attempts a fraction of a second apart
// (POLKU_INBOX_RETRY_SCHEDULE_SECONDS), not after the production schedule's six minutes.

async function openIntegration(page: Page) {
  await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Integraatio" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Integraatio kansalliseen palvelualustaan");
  return page.getByRole("region", { name: "Käsittelemättä jääneet työnhakijatapahtumat" });
}

test("a parked platform event: the administrator sees why, puts the client's periods right and replays it", async ({
  page,
  request,
}) => {
  await login(page, "admin");

  // A job seeker registered in Polku today: their job-search period in Polku starts today.
  await page.goto("/clients/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rekisteröi asiakas");
  const code = randomIdentityCode();
  await page.getByLabel("Henkilötunnus").fill(code);
  await page.getByLabel("Etunimet").fill("Paula");
  await page.getByLabel("Sukunimi").fill("Palautus");
  await page.getByLabel("Kotikunta").selectOption({ label: "Lahti" });
  await page.getByRole("button", { name: "Rekisteröi" }).click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  const clientUrl = page.url();

  // The platform says the person's job search ended yesterday: before Polku's period began, so it is parked.
  const eventId = randomUUID();
  await sendPlatformEvent(request, {
    specversion: "1.0",
    id: eventId,
    source: "https://tyomarkkinatori.fi",
    type: "fi.tyomarkkinatori.jobseeker.search_ended.v1",
    subject: `job-seekers/e2e-${eventId}`,
    time: new Date().toISOString(),
    data: { personal_identity_code: code, ended_on: isoDay(-1), reason: "employed" },
  });

  let parked = await openIntegration(page);
  const item = parked.getByRole("listitem").filter({ hasText: eventId });
  await expect(async () => {
    await page.reload();
    await expect(item).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(item).toContainText("fi.tyomarkkinatori.jobseeker.search_ended.v1");
  await expect(item).toContainText(`before the open job-search period in Polku started on ${isoDay(0)}`);
  await expect(item).toContainText(/Yrityksiä\s*3/); // one attempt more than the stack's two waits
  await expectAccessible(page);

  // The cause, put right: the person's job search is over, so the open period in Polku is ended.
  await page.goto(clientUrl);
  await openTab(page, "Työnhakujaksot");
  const periods = page.getByRole("region", { name: "Työnhakujaksot" });
  // The form opens on request: wait for its button (the section loads after the tab opens), then press it.
  await periods.getByRole("button", { name: "Päätä työnhakujakso" }).click();
  await periods.getByLabel("Päättymisen syy").selectOption({ label: "Työllistynyt" });
  await periods.getByRole("button", { name: "Päätä jakso" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Jakso päättyi" })).toBeVisible();

  // The replay, confirmed, names who replayed; handled, the event leaves the parked list.
  parked = await openIntegration(page);
  await item.getByRole("button", { name: "Käsittele uudelleen" }).click();
  await expect(item.getByText(/Lähetetäänkö tapahtuma/)).toBeFocused();
  await item.getByRole("button", { name: "Kyllä, käsittele uudelleen" }).click();
  await expect(parked.getByRole("status")).toContainText(
    "Ilona Admin lähetti tapahtuman fi.tyomarkkinatori.jobseeker.search_ended.v1 uudelleen käsiteltäväksi",
  );
  await expect(async () => {
    await page.reload();
    await expect(parked.getByText(/Ei käsittelemättä jääneitä tapahtumia|Tapahtuman tunniste/).first()).toBeVisible({
      timeout: 2_000,
    });
    await expect(parked.getByText(eventId)).toHaveCount(0);
  }).toPass({ timeout: 30_000 });
  await expectAccessible(page);
});
