import { expect, test } from "@playwright/test";

import { expectAccessible, login, randomIdentityCode, withWrongCheck, openTab } from "./support";

test("a coach registers a client: a server-side field error next to its field, then success, then the duplicate", async ({
  page,
}) => {
  await login(page);
  await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Asiakkaat" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hae asiakasta");
  await page.getByLabel("Nimi").fill("Korhonen");
  await page.getByLabel("Kotikunta").selectOption({ label: "Lahti" });
  await page.getByRole("button", { name: "Hae", exact: true }).click();
  await expect(page).toHaveURL(/municipality=398/);
  await expect(page).not.toHaveURL(/Korhonen/);
  const results = page.getByRole("region", { name: "Hakutulokset" });
  await expect(results.getByRole("status")).toHaveText("Näytetään 1 asiakas.");
  await expect(results.getByRole("link", { name: "Korhonen, Emma" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Rekisteröi asiakas" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();

  const code = randomIdentityCode();
  const identityCode = page.getByLabel("Henkilötunnus");
  await identityCode.fill(withWrongCheck(code)); // the right shape, so only the service's checksum check refuses it
  await page.getByLabel("Etunimet").fill("Ville Johannes");
  await page.getByLabel("Sukunimi").fill("Testinen");
  await page.getByLabel("Kotikunta").selectOption({ label: "Lahti" });
  await page.getByRole("button", { name: "Rekisteröi" }).click();

  const message = "Henkilötunnus ei ole kelvollinen. Tarkista numerot ja tarkistusmerkki.";
  // The error summary takes focus and links to the field, whose own message stays next to it.
  const summaryLink = page.getByRole("link", { name: message });
  await expect(summaryLink).toBeVisible();
  await expect(page.locator(".error-summary")).toBeFocused();
  await expect(identityCode).toHaveAttribute("aria-invalid", "true");
  await expect(identityCode).toHaveAccessibleDescription(new RegExp(message.replace(/\./g, "\\.")));
  await expectAccessible(page);
  await summaryLink.click();
  await expect(identityCode).toBeFocused();

  await identityCode.fill(code);
  await page.getByRole("button", { name: "Rekisteröi" }).click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  const clientUrl = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ville Johannes Testinen");
  await expect(page.getByRole("status").filter({ hasText: "on nyt rekisteröity asiakkaaksi" })).toBeVisible();
  await expect(page.getByText(code)).toBeVisible();
  await expectAccessible(page);

  // The status changes and the history keeps both.
  await page.getByRole("button", { name: "Muuta tilannetta" }).click();
  // The client page has other forms with a reason field (schedule changes, assignment): this form's own.
  const statusForm = page.getByRole("form", { name: "Muuta tilannetta" });
  await statusForm.getByLabel("Uusi tilanne").selectOption({ label: "Koulutuksessa" });
  await statusForm.getByLabel("Peruste").fill("Aloitti ammatillisen koulutuksen");
  await statusForm.getByRole("button", { name: "Tallenna tilanne" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Asiakkaan tilanne on nyt: Koulutuksessa." })).toBeVisible();
  const history = page.getByRole("region", { name: "Tilannehistoria" }).getByRole("listitem");
  await expect(history).toHaveCount(2);
  await expect(history.last()).toContainText("Aloitti ammatillisen koulutuksen");

  // The same person again: refused, with a link to the client already registered.
  await page.goto("/clients/new");
  await page.getByLabel("Henkilötunnus").fill(code);
  await page.getByLabel("Etunimet").fill("Ville");
  await page.getByLabel("Sukunimi").fill("Testinen");
  await page.getByLabel("Kotikunta").selectOption({ label: "Lahti" });
  await page.getByRole("button", { name: "Rekisteröi" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Henkilö on jo asiakas" });
  await expect(alert).toBeVisible();
  await alert.getByRole("link", { name: "Avaa asiakkaan tiedot" }).click();
  await expect(page).toHaveURL(clientUrl);
});

test("a coach finds a client from the caseload and records an interview", async ({ page }) => {
  await login(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Omat asiakkaat");
  await expect(page.getByRole("region", { name: "Asiakkaat, jotka tarvitsevat jotain tänään" })).toBeVisible();
  const myClients = page.getByRole("region", { name: "Asiakkaani" });
  await expect(myClients.getByRole("link", { name: "Korhonen, Emma" })).toBeVisible();
  await expectAccessible(page);

  await myClients.getByRole("link", { name: "Korhonen, Emma" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Emma Korhonen");
  await openTab(page, "Lakisääteiset määräajat");
  const schedule = page.getByRole("region", { name: "Lakisääteiset määräajat" });
  const initial = schedule.getByRole("row", { name: /Alkuhaastattelu/ });
  await expect(initial).not.toContainText("Pidetty");

  await schedule.getByRole("button", { name: "Uusi keskustelu" }).click();
  await schedule.getByLabel("Asiointitapa").selectOption({ label: "Puhelin" });
  await schedule
    .getByLabel("Muistiinpanot")
    .fill("Käytiin läpi työnhaun tilanne ja sovittiin seuraavasta tapaamisesta.");
  await schedule.getByRole("button", { name: "Kirjaa keskustelu" }).click();

  await expect(schedule.getByRole("status")).toContainText("on kirjattu");
  await expect(initial).toContainText("Pidetty ajallaan");
  await expect(schedule.getByRole("list", { name: "Pidetyt keskustelut" })).toContainText("Puhelin");
  await expectAccessible(page);

  // The same page in Swedish.
  await page.getByRole("button", { name: "På svenska" }).click();
  await expect(page.getByRole("heading", { name: "Lagstadgade tidsfrister" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Inledande intervju/ })).toContainText("Hölls i tid");
  await expectAccessible(page);
});

test("a coach edits a plan; a version saved meanwhile gives a 412 conflict the coach can recover from", async ({
  page,
  browser,
}) => {
  await login(page);
  await page.getByRole("region", { name: "Asiakkaani" }).getByRole("link", { name: "Mäkinen, Eetu" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Eetu Mäkinen");
  const clientId = page.url().split("/").pop()!;
  await openTab(page, "Suunnitelma");
  const plan = page.getByRole("region", { name: "Suunnitelma" });

  // A first plan; a reduced obligation needs its reason.
  await plan.getByRole("button", { name: "Laadi suunnitelma" }).click();
  await plan.getByLabel("Tavoite 1").fill("Työpaikka varastoalalta puolen vuoden kuluessa");
  await plan.getByRole("button", { name: "Lisää tehtävä" }).click();
  await plan.getByRole("textbox", { name: /^Tehtävä 1/ }).fill("Trukkikortti");
  await plan.getByLabel("Hakemuksia tarkastelujaksossa").fill("2");
  await plan.getByRole("button", { name: "Tallenna suunnitelma" }).click();
  const reason = plan.getByLabel("Peruste alennetulle velvollisuudelle");
  await expect(reason).toHaveAccessibleDescription(/Kirjaa peruste/);
  await reason.fill("Osa-aikatyö 20 tuntia viikossa");
  await plan.getByRole("button", { name: "Tallenna suunnitelma" }).click();
  await expect(plan.getByRole("status")).toHaveText("Suunnitelman versio 1 on tallennettu.");
  await expect(plan).toContainText("2 hakemusta kuukaudessa");

  // The coach opens version 1 for editing…
  await plan.getByRole("button", { name: "Muokkaa suunnitelmaa" }).click();
  await plan.getByLabel("Tavoite 1").fill("Työpaikka logistiikasta");

  // …while a colleague, signed in in another browser, saves version 2.
  const colleagueContext = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: "fi-FI" });
  const colleague = await colleagueContext.newPage();
  await login(colleague, "manager");
  await colleague.goto(`/clients/${clientId}`);
  await openTab(colleague, "Suunnitelma");
  const theirPlan = colleague.getByRole("region", { name: "Suunnitelma" });
  await theirPlan.getByRole("button", { name: "Muokkaa suunnitelmaa" }).click();
  await theirPlan.getByRole("textbox", { name: /^Tavoite 1/ }).fill("Oppisopimuskoulutus kiinteistöalalle");
  await theirPlan.getByRole("button", { name: "Tallenna suunnitelma" }).click();
  await expect(theirPlan.getByRole("status")).toHaveText("Suunnitelman versio 2 on tallennettu.");
  await colleagueContext.close();

  await plan.getByRole("button", { name: "Tallenna suunnitelma" }).click();
  const conflict = page.getByRole("alert").filter({ hasText: "Muutoksiasi ei tallennettu" });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText("versio 2");
  await expectAccessible(page);

  await conflict.getByRole("button", { name: "Avaa uudempi versio" }).click();
  await expect(conflict).toBeHidden();
  await expect(plan.getByLabel("Tavoite 1")).toHaveValue("Oppisopimuskoulutus kiinteistöalalle");
  await plan.getByRole("button", { name: "Lisää tavoite" }).click();
  await plan.getByLabel("Tavoite 2").fill("Työpaikka logistiikasta");
  await plan.getByRole("button", { name: "Tallenna suunnitelma" }).click();
  await expect(plan.getByRole("status")).toHaveText("Suunnitelman versio 3 on tallennettu.");

  const history = plan.getByRole("region", { name: "Versiohistoria" });
  await expect(history.getByRole("listitem")).toHaveCount(3);
  await expect(history.getByText(/^Versio 2,/)).toContainText("Pekka Nieminen");
  await history.getByText(/^Versio 2,/).click();
  await expect(history).toContainText("Oppisopimuskoulutus kiinteistöalalle");
  await expectAccessible(page);
});

test("a coach records a client's consent to share data and withdraws it", async ({ page }) => {
  await login(page);
  await page.getByRole("region", { name: "Asiakkaani" }).getByRole("link", { name: "Nieminen, Laura" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Laura Nieminen");
  await openTab(page, "Suostumukset");
  const consents = page.getByRole("region", { name: "Suostumukset" });
  await expect(consents).toContainText("Suostumuksia ei ole kirjattu.");

  await consents.getByRole("button", { name: "Uusi suostumus" }).click();
  await consents.getByRole("button", { name: "Kirjaa suostumus" }).click();
  await expect(consents.getByText("Valitse vähintään yksi")).toBeVisible();
  await consents.getByLabel("Vastaanottava organisaatio").selectOption({ label: "Kela" });
  await consents.getByRole("checkbox", { name: "Palvelutarpeen arvio" }).check();
  await consents.getByRole("checkbox", { name: "Suunnitelma" }).check();
  await consents.getByLabel("Käyttötarkoitus").fill("Kuntoutustarpeen selvittäminen");
  await consents.getByRole("button", { name: "Kirjaa suostumus" }).click();

  await expect(consents.getByRole("status")).toHaveText(
    "Suostumus tietojen luovuttamiseen organisaatiolle Kela on kirjattu.",
  );
  const row = consents.getByRole("row", { name: /Kela/ });
  await expect(row).toContainText("Palvelutarpeen arvio, Suunnitelma");
  await expect(row).toContainText("Voimassa");
  await expectAccessible(page);

  await row.getByRole("button", { name: "Peru organisaatiolle Kela annettu suostumus" }).click();
  await expect(consents.getByRole("status")).toHaveText("Organisaatiolle Kela annettu suostumus on peruttu.");
  await expect(row).toContainText("Peruttu");
  await expect(row.getByRole("button")).toHaveCount(0);
  await expect(consents.getByRole("heading", { name: "Suostumukset" })).toBeFocused();
});
