import { expect, test } from "@playwright/test";

import { expectAccessible, login } from "./support";

test("a coach applies a morning filter and saves it", async ({ page }) => {
  await login(page);
  const morning = page.getByRole("region", { name: "Aamun suodattimet" });
  const bar = morning.getByRole("group", { name: "Suodattimet" });
  const needsAssessment = bar.getByRole("button", { name: /^Palvelutarve arvioimatta \(\d+\)$/ });
  await expect(needsAssessment).toHaveAttribute("aria-pressed", "false");
  await expectAccessible(page);

  await needsAssessment.click();
  await expect(needsAssessment).toHaveAttribute("aria-pressed", "true");
  const results = morning.getByRole("table", { name: "Suodattimia vastaavat asiakkaat" });
  await expect(results.getByRole("row").nth(1)).toContainText("Palvelutarve arvioimatta");
  // A client with an assessment does not match.
  await expect(results.getByRole("link", { name: "Juha Hämäläinen" })).toHaveCount(0);
  // The choice is in the address, so a reload keeps it.
  await expect(page).toHaveURL(/\?filter=needs_assessment$/);
  await page.reload();
  await expect(needsAssessment).toHaveAttribute("aria-pressed", "true");

  const name = `Aamun tarkistus ${Date.now()}`;
  await morning.getByLabel(/^Suodattimen nimi/).fill(name);
  await morning.getByRole("button", { name: "Tallenna suodatin" }).click();
  await expect(morning.getByRole("status").filter({ hasText: `Suodatin ${name} on tallennettu.` })).toBeVisible();
  await expectAccessible(page);

  await needsAssessment.click();
  await expect(needsAssessment).toHaveAttribute("aria-pressed", "false");
  await morning.getByRole("button", { name: `Käytä suodatinta ${name}` }).click();
  await expect(needsAssessment).toHaveAttribute("aria-pressed", "true");
  await expect(morning.getByRole("heading", { name: "Aamun suodattimet" })).toBeFocused();

  await morning.getByRole("button", { name: `Poista suodatin ${name}` }).click();
  await expect(morning.getByRole("status").filter({ hasText: `Suodatin ${name} on poistettu.` })).toBeVisible();
  await expect(morning.getByRole("button", { name: `Käytä suodatinta ${name}` })).toHaveCount(0);
});
