import { expect, test } from "@playwright/test";

import { expectAccessible, login } from "./support";

const HEADER = "Alue;Kuukausi;Ryhmä;Työvoima;Väestö";
// Row 3 (the header is row 1) has a labour force that is not a number.
const WITH_ERROR = `${HEADER}\nKU398 Lahti;2025M06;Yhteensä;60000;120000\nKU398 Lahti;2025M07;Yhteensä;kuusikymmentä;120000\n`;
const CORRECTED = `${HEADER}\nKU398 Lahti;2025M06;Yhteensä;60000;120000\nKU398 Lahti;2025M07;Yhteensä;60500;120000\n`;
const VINTAGE = "Tilastokeskus, työssäkäyntitilasto 2024 (julkaistu 24.10.2025)";

function budgetLines(year: number): string {
  const rows = ["Kuukausi;Rivi;Laji;Luokka;Budjetti;Toteuma;Sidottu"];
  for (const month of ["01", "02", "03"]) {
    rows.push(
      `${year}-${month};Palkkatuki;Palveluostot;Tarveharkintainen;100000;${month === "03" ? "" : "90000"};5000`,
    );
    rows.push(`${year}-${month};Henkilöstö;Toimintamenot;Määrärahasidonnainen;250000;240000;0`);
  }
  return `${rows.join("\n")}\n`;
}

test("a manager imports the labour force, corrects the error the report names, and reads the budget and the follow-up", async ({
  page,
}) => {
  await login(page, "manager");
  await page
    .getByRole("navigation", { name: "Päävalikko" })
    .getByRole("link", { name: "Tuonnit", exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Tilastojen ja talousarvion tuonti" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Työvoima ja väestö" })).toBeChecked();
  await expect(page.getByRole("table", { name: "Tiedoston sarakkeet: Työvoima ja väestö" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Tilaston versio").fill(VINTAGE);
  const file = page.getByLabel("Tiedosto (CSV tai XLSX)");
  await file.setInputFiles({ name: "tyovoima.csv", mimeType: "text/csv", buffer: Buffer.from(WITH_ERROR) });
  await page.getByRole("button", { name: "Tuo tiedosto" }).click();

  const reportHeading = page.getByRole("heading", { name: "Tiedostossa on 1 virhe" });
  await expect(reportHeading).toBeFocused();
  const report = page.getByRole("table", { name: "Virheet tiedostossa tyovoima.csv: rivi, sarake ja virhe" });
  const line = report.getByRole("row").nth(1);
  await expect(line.getByRole("rowheader")).toHaveText("3");
  await expect(line.getByRole("cell").first()).toHaveText("Työvoima");
  await expect(line).toContainText("kuusikymmentä");
  await expectAccessible(page);

  await file.setInputFiles({ name: "tyovoima.csv", mimeType: "text/csv", buffer: Buffer.from(CORRECTED) });
  await page.getByRole("button", { name: "Tuo tiedosto" }).click();
  const success = page.getByTestId("import-success");
  await expect(success).toContainText("Tuotu 2 riviä: Työvoima ja väestö.");
  await expect(success).toContainText("Toi Pekka Nieminen");
  await expect(reportHeading).toHaveCount(0);
  const newest = page
    .getByRole("table", { name: "Aiemmat tuonnit, uusin ensin: kuka toi ja milloin" })
    .getByRole("row")
    .nth(1);
  await expect(newest).toContainText("Työvoima ja väestö");
  await expect(newest).toContainText("Pekka Nieminen");
  await expect(newest).toContainText(VINTAGE);
  await expectAccessible(page);

  // The budget lines of this year, so that the budget page has a forecast to show.
  const year = new Date().getFullYear();
  // The form may render once more as the page's data arrive: check until the choice holds.
  await expect(async () => page.getByRole("radio", { name: "Talousarviorivit" }).check()).toPass();
  await file.setInputFiles({ name: "talousarvio.csv", mimeType: "text/csv", buffer: Buffer.from(budgetLines(year)) });
  await page.getByRole("button", { name: "Tuo tiedosto" }).click();
  await expect(success).toContainText("Tuotu 6 riviä: Talousarviorivit.");

  await page
    .getByRole("navigation", { name: "Päävalikko" })
    .getByRole("link", { name: "Talousarvio", exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Talousarvio ja ennuste" })).toBeVisible();
  await expect(page.getByTestId("forecast-method")).toContainText("toteumavauhti");
  const summary = page.getByRole("table", {
    name: `Vuoden ${year} talousarvio, toteuma, sitoumukset ja ennuste sitovuusluokittain`,
  });
  await expect(summary.getByRole("row", { name: /Tarveharkintainen/ })).toContainText(`(toteuma 2/${year} asti)`);
  await expect(page.getByRole("img", { name: /Talousarvio, toteuma ja sidotut eurot kuukausittain/ })).toBeVisible();
  await page.getByLabel("Sitovuusluokka").selectOption("need_based");
  await expect(page).toHaveURL(/\/budget\?class=need_based$/);
  await expectAccessible(page);

  await page
    .getByRole("navigation", { name: "Päävalikko" })
    .getByRole("link", { name: "Vaikuttavuus", exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Vaikuttavuusseuranta" })).toBeVisible();
  await page.getByLabel("Seuranta-aika").selectOption("12");
  await expect(page).toHaveURL(/\/effectiveness\?horizon=12$/);
  await expect(page.getByRole("heading", { level: 2, name: /Tilanne 12 kuukauden kuluttua/ })).toBeVisible();
  await expectAccessible(page);
});
