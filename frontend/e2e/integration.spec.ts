import { expect, test } from "@playwright/test";

import { expectAccessible, login } from "./support";

test("an administrator follows the exchange with the national platform", async ({ page }) => {
  await login(page, "admin");
  await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Integraatio" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Integraatio kansalliseen palvelualustaan");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  // The dev stack's reconciliation runs against the platform simulator as it starts: a report, or none yet.
  const vacancies = page.getByRole("region", { name: "Avoimet työpaikat: viimeisin täsmäytys" });
  await expect(vacancies.getByText(/Ajettu|Täsmäytystä ei ole vielä ajettu/).first()).toBeVisible();
  const seekers = page.getByRole("region", { name: "Työnhakijat: viimeisin täsmäytys" });
  await expect(seekers.getByText(/Ajettu|Täsmäytystä ei ole vielä ajettu/).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Asiakastapahtumien tilaukset" })).toBeVisible();
  await expectAccessible(page);
});
