import { randomUUID } from "node:crypto";

import { expect, type Page, test } from "@playwright/test";

import { expectAccessible, login, openTab, randomIdentityCode } from "./support";

async function logout(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Kirjaudu ulos" }).click();
  await expect(page.getByRole("button", { name: "Kirjaudu sisään" })).toBeVisible();
}

function navigation(page: Page) {
  return page.getByRole("navigation", { name: "Päävalikko" });
}

/** The coach registers a new client (whose job search starts today) and lands on the client's page. */
async function registerClient(page: Page, code: string): Promise<string> {
  await page.goto("/clients/new");
  await page.getByLabel("Henkilötunnus").fill(code);
  await page.getByLabel("Etunimet").fill("Veera");
  await page.getByLabel("Sukunimi").fill("Kelanen");
  await page.getByLabel("Kotikunta").selectOption({ label: "Lahti" });
  await page.getByRole("button", { name: "Rekisteröi" }).click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Veera Kelanen");
  return page.url();
}

test("a coach keeps a client's registration data, whom we wait for, the 2026 duties, Kela's day count and the episodes", async ({
  page,
}) => {
  // Six screens, each checked with axe, on a shared machine.
  test.setTimeout(180_000);
  await login(page);
  await registerClient(page, randomIdentityCode());
  const summary = page.getByRole("region", { name: "Yhteenveto" });

  // Citizenship and mother tongue: a code of no country is refused by the service, next to the field.
  await summary.getByRole("button", { name: "Muuta kansalaisuutta tai äidinkieltä" }).click();
  const registration = page.getByRole("form", { name: "Muuta kansalaisuutta tai äidinkieltä" });
  await expect(registration.getByRole("heading")).toBeFocused();
  await registration.getByRole("textbox", { name: /^Kansalaisuus/ }).fill("XX");
  await registration.getByRole("textbox", { name: /^Äidinkieli/ }).fill("uk");
  await registration.getByRole("button", { name: "Tallenna" }).click();
  await expect(registration.getByRole("textbox", { name: /^Kansalaisuus/ })).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await registration.getByRole("textbox", { name: /^Kansalaisuus/ }).fill("UA");
  await registration.getByRole("button", { name: "Tallenna" }).click();
  await expect(summary.getByText("Tallennettu. Kansalaisuus: Ukraina (UA), äidinkieli: ukraina (uk).")).toBeVisible();

  // Whom we wait for: set, then cleared.
  await summary.getByRole("button", { name: "Muuta, ketä odotetaan" }).click();
  const waiting = page.getByRole("form", { name: "Muuta, ketä odotetaan" });
  await waiting.getByRole("combobox", { name: /^Odotetaan/ }).selectOption({ label: "asiakasta" });
  await expectAccessible(page);
  await waiting.getByRole("button", { name: "Tallenna" }).click();
  await expect(summary.getByText(/^Tallennettu\. Odotetaan: asiakasta \d+\.\d+\.\d{4} alkaen\.$/)).toBeVisible();
  await summary.getByRole("button", { name: "Muuta, ketä odotetaan" }).click();
  await waiting.getByRole("combobox", { name: /^Odotetaan/ }).selectOption({ label: "ei ketään (poista)" });
  await waiting.getByRole("button", { name: "Tallenna" }).click();
  await expect(summary.getByText("Tallennettu. Odotetaan: ei ketään.")).toBeVisible();

  // The plan's status beside the plan, with the definition in Finnish: a new client has no plan.
  await openTab(page, "Suunnitelma");
  const status = page.getByRole("group", { name: /^Suunnitelma ei ole ajantasainen/ });
  await expect(status).toContainText("Suunnitelmaa ei ole laadittu.");
  await expect(status).toContainText("Ajantasainen suunnitelma: Virallista määritelmää ei ole.");
  await expectAccessible(page);

  // A job search started after 1.9.2026 has the job-search profile duty; the coach clears it with the reason.
  await openTab(page, "Vuoden 2026 velvollisuudet");
  const duties = page.getByRole("region", { name: "Vuoden 2026 velvollisuudet" });
  await duties.getByRole("button", { name: "Kuittaa: Työnhakuprofiili Työmarkkinatorilla" }).click();
  await expect(duties.getByRole("heading", { name: /^Kuittaa velvollisuus/ })).toBeFocused();
  await duties.getByRole("textbox", { name: /^Perustelu/ }).fill("Profiili julkaistu Työmarkkinatorilla");
  await expectAccessible(page);
  await duties.getByRole("button", { name: "Kuittaa velvollisuus" }).click();
  await expect(duties.getByRole("status")).toHaveText("Kuitattu: Työnhakuprofiili Työmarkkinatorilla.");
  await expect(duties.getByRole("listitem").first()).toContainText("kuittaaja sinä");
  await expect(duties.getByRole("listitem").first()).toContainText("Profiili julkaistu Työmarkkinatorilla");

  // Kela's count as the coach heard it.
  await openTab(page, "Työmarkkinatuen päivät (Kela)");
  const days = page.getByRole("region", { name: "Työmarkkinatuen päivät (Kela)" });
  await expect(days).toContainText("Päivien määrää ei ole kirjattu.");
  await days.getByRole("button", { name: "Kirjaa päivien määrä" }).click();
  await days.getByRole("textbox", { name: /^Maksetut työmarkkinatuen päivät/ }).fill("120");
  await expectAccessible(page);
  await days.getByRole("button", { name: "Tallenna" }).click();
  await expect(days.getByRole("status")).toContainText("Tallennettu: 120 päivää");
  await expect(days).toContainText("valmentajan kirjaama, sinä");

  // An episode recorded, then ended.
  await openTab(page, "Aktivointipalvelujaksot");
  const episodes = page.getByRole("region", { name: "Aktivointipalvelujaksot" });
  await episodes.getByRole("button", { name: "Kirjaa aktivointipalvelujakso" }).click();
  await episodes.getByRole("combobox", { name: /^Palvelu/ }).selectOption({ label: "Valmennus" });
  await episodes.getByRole("textbox", { name: /^Järjestäjä/ }).fill("Lahden Työpaja ry");
  await expectAccessible(page);
  await episodes.getByRole("button", { name: "Kirjaa jakso" }).click();
  await expect(episodes.getByRole("status")).toContainText("Kirjattu: Valmennus");
  const episode = episodes.getByRole("listitem").filter({ hasText: "Lahden Työpaja ry" });
  await expect(episode).toContainText("käynnissä");
  await episode.getByRole("button", { name: /^Päätä jakso: Valmennus/ }).click();
  await expect(episodes.getByRole("heading", { name: /^Jakson päättyminen: Valmennus/ })).toBeFocused();
  await expectAccessible(page);
  await episodes.getByRole("button", { name: "Tallenna päättyminen" }).click();
  await expect(episodes.getByRole("status")).toContainText("Valmennus päättyi");
  await expect(episode).not.toContainText("käynnissä");
});

test("a manager keeps the teams and imports Kela's day counts with the progress and the report", async ({ page }) => {
  test.setTimeout(120_000);
  // A client of the organisation, for the file.
  await login(page);
  const code = randomIdentityCode();
  const clientUrl = await registerClient(page, code);
  await logout(page);

  await login(page, "manager");
  await navigation(page).getByRole("link", { name: "Tiimit", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tiimit ja jäsenet");
  await expectAccessible(page);
  const name = `Testitiimi ${randomUUID().slice(0, 8)}`;
  await page.getByRole("button", { name: "Perusta tiimi" }).click();
  await expect(page.getByRole("heading", { name: "Perusta tiimi", level: 2 })).toBeFocused();
  await page.getByRole("textbox", { name: /^Tiimin nimi/ }).fill(name);
  await page.getByRole("button", { name: "Perusta", exact: true }).click();
  await expect(page.getByText(`Tiimi ${name} perustettu, perustaja Pekka Nieminen.`)).toBeFocused();

  const team = page.getByRole("region", { name });
  await team.getByRole("button", { name: `Lisää valmentaja tiimiin ${name}` }).click();
  // The organisation's coaches by name: the demo coach is one (she has signed in above and is in a team).
  await team.getByRole("combobox", { name: /^Valmentaja/ }).selectOption({ label: "Aino Virtanen" });
  await expectAccessible(page);
  await team.getByRole("button", { name: "Lisää tiimiin" }).click();
  await expect(team.getByText(`Aino Virtanen lisätty tiimiin ${name}.`)).toBeFocused();
  await expect(team.getByRole("listitem").filter({ hasText: "Aino Virtanen" })).toContainText("Pekka Nieminen");
  await team.getByRole("button", { name: `Poista Aino Virtanen tiimistä ${name}` }).click();
  await expect(team.getByText("Tiimissä ei ole jäseniä.")).toBeVisible();

  // Kela's file: a row in error refuses the whole file, and the report names its row and column.
  await navigation(page).getByRole("link", { name: "Kelan päivätiedosto" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Työmarkkinatuen päivät Kelan tiedostosta");
  await expectAccessible(page);
  const file = page.getByLabel(/^Kelan tiedosto/);
  const header = "personal_identity_code;subsidy_days;counted_on";
  await file.setInputFiles({
    name: "kela.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${header}\n${code};287;2026-11-30\n${code.slice(0, -1)}0;x;2026-11-30\n`),
  });
  await page.getByRole("button", { name: "Tuo tiedosto" }).click();
  await expect(page.getByRole("heading", { name: /^Tiedostossa on \d virhe/ })).toBeFocused();
  await expect(page.getByRole("status")).toContainText("Vastaanotettu 2 / 2 riviä (100 %)");
  const report = page.getByRole("table", { name: "Tiedoston kela.csv virheet riveittäin" });
  await expect(report.getByRole("row", { name: /subsidy_days/ })).toContainText("Ei kokonaisluku");
  await expectAccessible(page);

  await file.setInputFiles({
    name: "kela.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${header}\n${code};287;2026-11-30\n`),
  });
  await page.getByRole("button", { name: "Tuo tiedosto" }).click();
  await expect(page.getByText("Tuotu: 1 asiakkaan päivät 1 rivistä.", { exact: false })).toBeFocused();

  await page.goto(clientUrl);
  await openTab(page, "Työmarkkinatuen päivät (Kela)");
  const days = page.getByRole("region", { name: "Työmarkkinatuen päivät (Kela)" });
  await expect(days).toContainText("287 päivää (30.11.2026 tilanne)");
  await expect(days).toContainText("Kelan tiedosto");
});
