import { expect, type Page, test } from "@playwright/test";

import { login } from "./support";

/** Every API response with status 401 and every console error while the page is used. */
function watch(page: Page): { unauthorised: string[]; consoleErrors: string[] } {
  const seen = { unauthorised: [] as string[], consoleErrors: [] as string[] };
  page.on("response", (response) => {
    if (response.status() === 401) seen.unauthorised.push(`${response.request().method()} ${response.url()}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error") seen.consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => seen.consoleErrors.push(error.message));
  return seen;
}

async function logout(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Kirjaudu ulos" }).click();
  await expect(page.getByRole("button", { name: "Kirjaudu sisään" })).toBeVisible();
}

/** Until the page has shown what it loads (a 401's retry would come about a second after the first answer). */
async function settle(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("Ladataan…")).toHaveCount(0);
  await page.waitForTimeout(1500);
}

/** A full page load of a path. */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await settle(page);
}

test("a coach, a partner and a manager move through their pages, each loaded in full, without one 401 or console error", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const seen = watch(page);

  // The coach: home, a client, the referrals board, the directory and the network map, each by a full page load.
  await login(page, "coach");
  await settle(page);
  const firstClient = page.getByRole("main").locator('table a[href^="/clients/"]').first();
  await expect(firstClient).toBeVisible();
  const clientPath = new URL((await firstClient.getAttribute("href"))!, page.url()).pathname;
  for (const path of ["/", clientPath, "/clients", "/referrals", "/directory", "/network-map"]) await open(page, path);
  await logout(page);

  // The partner: its inbox and one of its referrals.
  await login(page, "hyvinvointialue");
  await settle(page);
  await open(page, "/");
  const referral = page.getByRole("main").locator('a[href^="/referrals/"]').first();
  if (await referral.count()) await open(page, (await referral.getAttribute("href"))!);
  await open(page, "/directory");
  await logout(page);

  // The manager: home and what the navigation offers.
  await login(page, "manager");
  await settle(page);
  const offered = await page
    .getByRole("navigation", { name: "Päävalikko" })
    .getByRole("link")
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
  for (const path of offered) await open(page, path);

  expect.soft(seen.unauthorised, "responses with status 401").toEqual([]);
  expect(seen.consoleErrors, "console errors").toEqual([]);
});
