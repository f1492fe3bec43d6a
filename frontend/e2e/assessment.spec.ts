import { expect, test } from "@playwright/test";

import { expectAccessible, login, openTab } from "./support";

test("a coach records an assessment with an occupation from the list and sees it on the timeline", async ({ page }) => {
  await login(page);
  await page.getByRole("region", { name: "Asiakkaani" }).getByRole("link", { name: "Heikkinen, Onni" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Onni Heikkinen");
  await openTab(page, "Palvelutarpeen arvio");
  const assessment = page.getByRole("region", { name: "Palvelutarpeen arvio" });
  await expect(assessment).toContainText("Asiakkaan palvelutarvetta ei ole vielä arvioitu.");

  await assessment.getByRole("button", { name: "Tee palvelutarpeen arvio" }).click();
  await expect(assessment.getByRole("heading", { name: "Uusi palvelutarpeen arvio" })).toBeFocused();
  await assessment.getByRole("button", { name: "Lisää koulutus" }).click();
  await assessment.getByLabel("Tutkinto 1").fill("Logistiikan perustutkinto");
  await assessment.getByLabel("Valmistumisvuosi 1").fill("2023");
  await assessment.getByLabel(/^Hae ammattia/).fill("kuorma-auto");
  const pick = assessment.getByRole("list", { name: "Hakutulokset" }).getByRole("button", { name: /8332/ });
  await expect(pick).toBeVisible();
  await expectAccessible(page);
  await pick.click();
  await expect(assessment.getByRole("list", { name: "Valitut ammatit" })).toContainText("(8332)");
  await assessment.getByRole("checkbox", { name: "C", exact: true }).check();
  await assessment.getByRole("checkbox", { name: "Työnvälitys" }).check();
  await assessment.getByRole("button", { name: "Tallenna arvio" }).click();

  await expect(assessment.getByRole("status")).toHaveText("Arvion versio 1 on tallennettu.");
  await expect(assessment).toContainText("Kuorma-auton ja erikoisajoneuvojen kuljettajat (8332)");
  await expect(assessment).toContainText("Ammatillinen perustutkinto, Logistiikan perustutkinto, 2023");
  await expect(assessment.getByRole("region", { name: "Arvion versiohistoria" }).getByRole("listitem")).toHaveCount(1);

  await openTab(page, "Tapahtumat");
  const timeline = page.getByRole("region", { name: "Tapahtumat" });
  const latest = timeline.getByRole("listitem").first();
  await expect(latest).toContainText("Palvelutarpeen arvio päivitetty");
  await expect(latest).toContainText("sinä");
  await timeline.getByLabel("Näytä tapahtumat").selectOption({ label: "Lähetteet" });
  await expect(timeline.getByText("Palvelutarpeen arvio päivitetty")).toBeHidden();
  await timeline.getByLabel("Näytä tapahtumat").selectOption({ label: "Kaikki" });
  await expect(timeline.getByText("Palvelutarpeen arvio päivitetty")).toBeVisible();
  await expectAccessible(page);

  // The timeline in English.
  await page.getByRole("button", { name: "In English" }).click();
  await expect(page.getByRole("region", { name: "Timeline" }).getByRole("listitem").first()).toContainText(
    "Assessment updated",
  );
});

test("a coach sees the health and social notes of their own client", async ({ page }) => {
  await login(page);
  await page.getByRole("region", { name: "Asiakkaani" }).getByRole("link", { name: "Hämäläinen, Juha" }).click();
  await openTab(page, "Palvelutarpeen arvio");
  const assessment = page.getByRole("region", { name: "Palvelutarpeen arvio" });
  await expect(assessment.getByRole("region", { name: "Terveys- ja sosiaalitiedot" })).toContainText("Selkävaiva");
  await expect(assessment).toContainText("Osittainen – Ei raskaita nostoja");
  await expectAccessible(page);
});
