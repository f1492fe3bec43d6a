import { expect, test } from "@playwright/test";

import { expectAccessible, login } from "./support";

test("an administrator follows the exchange with the national platform", async ({ page }) => {
  await login(page, "admin");
  await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Integraatio" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Integraatio kansalliseen palvelualustaan");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  // The dev stack's reconciliation jobs run against the platform simulator as the stack starts: each service's
  // report must be there (read again until it is; a page that only says none has run fails).
  const vacancies = page.getByRole("region", { name: "Avoimet työpaikat: viimeisin täsmäytys" });
  const seekers = page.getByRole("region", { name: "Työnhakijat: viimeisin täsmäytys" });
  await expect(async () => {
    await page.reload();
    await expect(vacancies.getByText(/^Ajettu /)).toBeVisible({ timeout: 3_000 });
    await expect(seekers.getByText(/^Ajettu /)).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 90_000 });
  for (const report of [vacancies, seekers]) {
    await expect(report.getByText("Täsmäytystä ei ole vielä ajettu.")).toHaveCount(0);
    await expect(report.getByRole("table", { name: "Määrät" })).toBeVisible();
  }
  await expect(page.getByRole("region", { name: "Asiakastapahtumien tilaukset" })).toBeVisible();
  await expectAccessible(page);
});
