import { expect, test } from "@playwright/test";

import { expectAccessible, login, openTab } from "./support";

test("a coach records a job application the client reports, counted in the plan's review period", async ({ page }) => {
  await login(page);
  await page.getByRole("region", { name: "Asiakkaani" }).getByRole("link", { name: "Koskinen, Anna" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anna Koskinen");
  await openTab(page, "Työnhakuvelvollisuus");
  const jobSearch = page.getByRole("region", { name: "Työnhakuvelvollisuus" });
  await expect(jobSearch).toContainText("Asiakkaalla ei ole vielä suunnitelmaa.");

  // The obligation comes from the plan.
  await openTab(page, "Suunnitelma");
  const plan = page.getByRole("region", { name: "Suunnitelma" });
  await plan.getByRole("button", { name: "Laadi suunnitelma" }).click();
  await plan.getByLabel("Tavoite 1").fill("Työpaikka toimistoalalta");
  await plan.getByRole("button", { name: "Tallenna suunnitelma" }).click();
  await expect(plan.getByRole("status")).toHaveText("Suunnitelman versio 1 on tallennettu.");

  await openTab(page, "Työnhakuvelvollisuus");
  await expect(jobSearch).toContainText("4 hakemusta kuukaudessa");
  const periods = jobSearch.getByRole("table", { name: "Tarkastelujaksot, uusin ensin" });
  const current = periods.getByRole("row", { name: /käynnissä/ });
  await expect(current.getByRole("cell").nth(1)).toHaveText("0");

  await jobSearch.getByRole("button", { name: "Kirjaa asiakkaan ilmoittama hakemus" }).click();
  await jobSearch.getByLabel(/^Työnantaja/).fill("Lahden Toimisto Oy");
  await jobSearch.getByLabel(/^Tehtävä/).fill("Toimistosihteeri");
  await jobSearch.getByRole("button", { name: "Kirjaa hakemus" }).click();
  await expect(jobSearch.getByRole("status")).toHaveText("Hakemus on kirjattu: Toimistosihteeri, Lahden Toimisto Oy.");
  await expect(current.getByRole("cell").nth(1)).toHaveText("1");
  await expectAccessible(page);

  await openTab(page, "Tapahtumat");
  await expect(page.getByRole("region", { name: "Tapahtumat" }).getByRole("listitem").first()).toContainText(
    "Työhakemus ilmoitettu",
  );
});
