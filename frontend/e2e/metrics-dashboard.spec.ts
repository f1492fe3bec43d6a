import { readFile } from "node:fs/promises";

import { expect, type Page, test } from "@playwright/test";

import { expectAccessible, login, randomIdentityCode } from "./support";

/**
 * Asks a service through the gateway with the signed-in person's own access token (the SPA keeps it in the
 * session): for what this journey has no screen for (registering job seekers is the coaches' journey).
 */
async function callApi(
  page: Page,
  method: string,
  path: string,
  body?: string,
  contentType = "application/json",
): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ({ method, path, body, contentType }) => {
      const key = Object.keys(sessionStorage).find((name) => name.startsWith("oidc.user:"));
      const user = key ? (JSON.parse(sessionStorage.getItem(key) ?? "{}") as { access_token?: string }) : {};
      const response = await fetch(path, {
        method,
        headers: {
          "Content-Type": contentType,
          Authorization: `Bearer ${user.access_token ?? ""}`,
          "Idempotency-Key": crypto.randomUUID(),
        },
        body,
      });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    { method, path, body, contentType },
  );
}

/** Today in Helsinki, YYYY-MM-DD. */
function today(): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" }).format(new Date());
}

interface Cell {
  municipality: string | null;
  month: string;
  persons: number | null;
  suppressed: boolean;
}

test("a manager imports Lahti's labour-force file, sees the unemployed share and the activation rate with their definitions, as charts and as tables, and exports them as CSV and XLSX", async ({
  page,
}) => {
  await login(page, "manager");
  // The manager's home: the headline indicators with their trend.
  const headlines = page.getByRole("region", { name: "Keskeiset mittarit" });
  await expect(headlines.getByRole("heading", { level: 3, name: "Aktivointiaste laskentapäivänä" })).toBeVisible();
  await expect(headlines.getByRole("link", { name: "Kaikki luvut: Työttömien osuus työvoimasta" })).toBeVisible();
  await expectAccessible(page);

  // Statistics Finland's labour force for Lahti, imported as a file on the import page (the share's denominator):
  // this month's, so that the figures below are computed against this file and no other.
  const month = today().slice(0, 7);
  const vintage = `Tilastokeskus, työssäkäyntitilasto (julkaistu ${today()})`;
  await page
    .getByRole("navigation", { name: "Päävalikko" })
    .getByRole("link", { name: "Tuonnit", exact: true })
    .click();
  await expect(page.getByRole("radio", { name: "Työvoima ja väestö" })).toBeChecked();
  await page.getByLabel("Tilaston versio").fill(vintage);
  await page.getByLabel("Tiedosto (CSV tai XLSX)").setInputFiles({
    name: "tyovoima-lahti.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      `Alue;Kuukausi;Ryhmä;Työvoima;Väestö\r\nKU398 Lahti;${month.replace("-", "M")};Yhteensä;600;1200\r\n`,
    ),
  });
  await page.getByRole("button", { name: "Tuo tiedosto" }).click();
  await expect(page.getByTestId("import-success")).toContainText("Tuotu 1 rivi: Työvoima ja väestö.");
  await expectAccessible(page);

  // Two more unemployed job seekers in Lahti, so that Lahti's month counts at least five (smaller cells are withheld).
  for (const last of ["Mittari", "Taulukko"]) {
    const registered = await callApi(
      page,
      "POST",
      "/api/clients/v1/clients",
      JSON.stringify({
        personal_identity_code: randomIdentityCode(),
        first_names: "Testi",
        last_name: last,
        home_municipality: "398",
        job_search_started_on: today(),
      }),
    );
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  }
  // The registrations reach metrics-api as events: wait until Lahti's month counts them.
  await expect
    .poll(
      async () => {
        const answer = await callApi(
          page,
          "GET",
          `/api/metrics/v1/figures?indicator=unemployed_job_seekers&from=${month}&to=${month}&municipality=398`,
        );
        const cells = (answer.body as { cells?: Cell[] }).cells ?? [];
        return cells.find((cell) => cell.municipality === "398")?.persons ?? 0;
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThanOrEqual(5);

  await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Mittarit" }).click();
  await page.getByRole("navigation", { name: "Mittarisivut" }).getByRole("link", { name: "Työmarkkinat" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Työmarkkinat");
  await page.getByLabel("Kunta").selectOption({ label: "Lahti" });
  await expect(page).toHaveURL(/\/metrics\/labour-market\?municipality=398/);

  const share = page.getByRole("region", { name: "Työttömien osuus työvoimasta" });
  await expect(share.getByRole("img", { name: /^Työttömien osuus työvoimasta, Lahti, / })).toBeVisible();
  const shareDefinition = share.getByRole("complementary", { name: /Määritelmä, versio 1/ });
  await expect(shareDefinition).toContainText("Unemployed job seekers on the count date ÷ the labour force");
  await expect(shareDefinition).toContainText("Työnvälitystilasto");
  await expect(shareDefinition).toContainText("The last working day of the month");
  const rate = page.getByRole("region", { name: "Aktivointiaste laskentapäivänä" });
  await expect(rate.getByRole("img", { name: /^Aktivointiaste laskentapäivänä, Lahti, / })).toBeVisible();
  const rateDefinition = rate.getByRole("complementary", { name: /Määritelmä, versio 1/ });
  await expect(rateDefinition).toContainText("Aktivoivat palvelut");
  await expect(rateDefinition).toContainText("palkkatuettu työ");
  await expectAccessible(page);

  // The table alternative, kept in the address; this month's share is a number (five or more unemployed).
  await page.getByRole("button", { name: "Taulukkona" }).click();
  await expect(page).toHaveURL(/view=table/);
  const table = share.getByRole("table", { name: /Työttömien osuus työvoimasta kuukausittain/ });
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${month}`) }) });
  await expect(row).toContainText("Lahti");
  await expect(row).toContainText(/\d+(,\d)? %/);
  await expect(row).not.toContainText("Salattu");
  await expect(rate.getByRole("table", { name: /Aktivointiaste laskentapäivänä kuukausittain/ })).toBeVisible();
  await expectAccessible(page);
  // The back button returns to the charts.
  await page.goBack();
  await expect(page).not.toHaveURL(/view=table/);
  await expect(share.getByRole("img")).toBeVisible();
  await page.goForward();
  await expect(page).toHaveURL(/view=table/);

  // What is shown, as files.
  const exports = page.getByRole("group", { name: "Vie näkyvät luvut tiedostoon" });
  const csvDownload = page.waitForEvent("download");
  await exports.getByRole("button", { name: "Lataa CSV" }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/^polku-figures-398-\d{4}-\d{2}-\d{4}-\d{2}\.csv$/);
  const text = (await readFile(await csv.path())).toString("utf-8");
  expect(text).toContain("unemployed_share_of_labour_force");
  expect(text).toContain("activation_rate");
  expect(text).toContain("Unemployed job seekers on the count date ÷ the labour force");
  expect(text).toContain("Cells counting 1 to 4 persons are withheld");
  expect(text).toContain("Pekka Nieminen"); // who exported them
  // Lahti's figures of this month: the share computed against the imported file (its labour force, its vintage).
  const lahti = (indicator: string) =>
    text
      .split("\r\n")
      .map((line) => line.split(";"))
      .find((fields) => fields[0] === indicator && fields[1] === month && fields[3] === "398");
  const shareRow = lahti("unemployed_share_of_labour_force");
  expect(shareRow?.[9], shareRow?.join(";")).toBe("600");
  expect(shareRow?.[12]).toBe(vintage);
  expect(lahti("activation_rate")).toBeDefined();
  await expect(page.getByRole("status").filter({ hasText: "Tiedosto ladattu" })).toBeVisible();

  const xlsxDownload = page.waitForEvent("download");
  await exports.getByRole("button", { name: "Lataa Excel (XLSX)" }).click();
  const xlsx = await xlsxDownload;
  expect(xlsx.suggestedFilename()).toMatch(/^polku-figures-398-\d{4}-\d{2}-\d{4}-\d{2}\.xlsx$/);
  const workbook = await readFile(await xlsx.path());
  expect(workbook.subarray(0, 2).toString("latin1")).toBe("PK"); // an Office Open XML file is a zip archive

  // By employment area: Lahti lies in Statistics Finland's sub-region 071, which metrics-api names.
  await page.getByLabel("Alueittain").selectOption("employment_area");
  await expect(page).toHaveURL(/region=employment_area/);
  await expect(table.getByRole("columnheader", { name: "Alue" })).toBeVisible();
  await expect(row).toContainText("Lahti (seutukunta)");
  await expectAccessible(page);
});
