import { expect, test } from "@playwright/test";

import { expectAccessible, login, openTab } from "./support";

test("a coach drafts a labour-policy statement, records the client's account, issues it and finds it in their list", async ({
  page,
}) => {
  await login(page);
  await page.getByRole("region", { name: "Asiakkaani" }).getByRole("link", { name: "Koskinen, Anna" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anna Koskinen");
  await openTab(page, "Työvoimapoliittiset lausunnot");
  const statements = page.getByRole("region", { name: "Työvoimapoliittiset lausunnot" });

  await statements.getByRole("button", { name: "Laadi lausunto" }).click();
  await statements.getByRole("combobox", { name: /^Laiminlyönti/ }).selectOption("refused_job_offer");
  await statements
    .getByRole("textbox", { name: /^Mitä tapahtui/ })
    .fill("Kieltäytyi tarjotusta varastotyöstä ilman pätevää syytä");
  await statements.getByRole("button", { name: "Tallenna luonnos" }).click();
  await expect(statements.getByRole("status")).toContainText("Luonnos tallennettu:");
  await expect(statements.getByRole("heading", { name: /^Kieltäytyi tarjotusta työstä/ })).toBeVisible();
  await expectAccessible(page);

  await statements.getByRole("button", { name: "Kuule asiakasta" }).click();
  await statements
    .getByRole("textbox", { name: /^Asiakkaan selvitys/ })
    .fill("Työ olisi alkanut ennen lapsen päivähoidon alkua");
  await statements.getByRole("button", { name: "Kirjaa asiakkaan selvitys" }).click();
  await expect(statements.getByRole("status")).toHaveText("Asiakkaan selvitys on kirjattu.");
  await expect(statements).toContainText("Asiakasta kuultu");

  await statements.getByRole("button", { name: "Valitse lausunnon vastaanottaja" }).click();
  await statements.getByRole("combobox", { name: /^Vastaanottaja/ }).selectOption("unemployment_fund");
  await statements.getByRole("textbox", { name: /^Työttömyyskassa/ }).fill("Erityisalojen työttömyyskassa");
  await expectAccessible(page);
  await statements.getByRole("button", { name: "Anna lausunto" }).click();
  await expect(statements.getByRole("status")).toHaveText("Lausunto annettu 0 päivää laiminlyönnin jälkeen.");
  await expect(statements).toContainText("Erityisalojen työttömyyskassa");

  await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Lausunnot" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Omat työvoimapoliittiset lausuntoni");
  await page.getByLabel("Näytä myös annetut lausunnot").check();
  const table = page.getByRole("table", { name: "Työvoimapoliittiset lausunnot, pisimpään odottaneet ensin" });
  const row = table.getByRole("row", { name: /Koskinen, Anna/ });
  await expect(row).toContainText("Kieltäytyi tarjotusta työstä");
  await expect(row).toContainText("Annettu");
  await expect(page.getByText(/käsittelyaika: keskimäärin 0 päivää laiminlyönnistä/)).toBeVisible();
  await expectAccessible(page);
});
