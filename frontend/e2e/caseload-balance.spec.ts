import { expect, test } from "@playwright/test";

import { expectAccessible, login } from "./support";

test("a manager sees caseload size, overdue deadlines and plan debt per coach and team", async ({ page }) => {
  await login(page, "manager");
  await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Asiakasmäärät" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Asiakasmäärien tasapaino");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();

  const coaches = page.getByRole("table", { name: "Valmentajittain" });
  await expect(coaches.getByRole("columnheader", { name: "Suunnitelmavelka" })).toBeVisible();
  // The demo coach has the demo clients: a row of their own, named as the issuer names them.
  await expect(coaches.getByRole("row", { name: /Aino Virtanen/ })).toBeVisible();
  const teams = page.getByRole("table", { name: "Tiimeittäin" });
  await expect(teams.getByRole("row", { name: /Lahden nuorten tiimi/ })).toBeVisible();
  await expect(page.getByText("Ajantasainen suunnitelma:")).toBeVisible();
  await expectAccessible(page);
});
