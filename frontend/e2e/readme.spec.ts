import { expect, test } from "@playwright/test";

import { expectAccessible, login, openTab } from "./support";

// The README's first five minutes, walked as it says: sign in as `coach`, the home, the demo client Juha Hämäläinen.
// With KEEP_README_IMAGES=1 the two screens are kept as the README's screenshots (docs/images/).
const KEEP = process.env.KEEP_README_IMAGES === "1";
const image = (name: string) => `${test.info().config.rootDir}/../../docs/images/${name}`;

test("the README's first five minutes: the coach's home and the demo client's workspace", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await login(page);

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Omat asiakkaat");
  const today = page.getByRole("region", { name: "Asiakkaat, jotka tarvitsevat jotain tänään" });
  await expect(today.getByRole("table")).toBeVisible();
  const since = page.getByRole("region", { name: "Uutta edellisen käyntisi jälkeen" });
  await expect(since.getByRole("heading", { name: "Viestit kumppaneilta, joita et ole lukenut" })).toBeVisible();
  await expect(since.getByText("Ladataan", { exact: false })).toHaveCount(0);
  await expectAccessible(page);
  if (KEEP) await page.screenshot({ path: image("coach-home.png") });

  await page.getByRole("region", { name: "Asiakkaani" }).getByRole("link", { name: "Hämäläinen, Juha" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Juha Hämäläinen");
  const summary = page.getByRole("region", { name: "Yhteenveto" });
  await expect(summary).toContainText("Avoimet lähetteet");
  await expect(summary).toContainText("Avoimet työtarjoukset");
  await expect(summary.getByText("…")).toHaveCount(0);
  await expectAccessible(page);
  if (KEEP) await page.screenshot({ path: image("client-page.png") });

  // A date field takes the day as Finland writes it, and refuses one that is not in the calendar.
  await openTab(page, "Suostumukset");
  const panel = page.locator("#workspace-panel");
  await panel.getByRole("button", { name: "Uusi suostumus" }).click();
  const day = panel.getByLabel("Voimassa alkaen");
  await expect(day).toHaveAttribute("type", "text");
  await expect(day).toHaveValue(/^\d{1,2}\.\d{1,2}\.\d{4}$/);
  await day.fill("31.2.2026");
  await panel.getByRole("button", { name: "Kirjaa suostumus" }).click();
  await expect(panel.getByText("Kirjoita päivämäärä muodossa p.k.vvvv", { exact: false }).first()).toBeVisible();
  await expectAccessible(page);
});
