import { expect, type Page, test } from "@playwright/test";

import { expectAccessible, login, openTab } from "./support";

async function logout(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Kirjaudu ulos" }).click();
  await expect(page.getByRole("button", { name: "Kirjaudu sisään" })).toBeVisible();
}

/** A business id (Y-tunnus) with a valid check digit, different on every run. */
function randomBusinessId(): string {
  const weights = [7, 9, 10, 5, 8, 4, 2];
  for (;;) {
    const digits = String(1_000_000 + Math.floor(Math.random() * 8_999_999));
    const remainder = [...digits].reduce((sum, digit, index) => sum + Number(digit) * weights[index], 0) % 11;
    if (remainder === 1) continue;
    return `${digits}-${remainder === 0 ? 0 : 11 - remainder}`;
  }
}

/** A day ``days`` from today as ISO 8601. */
function inDays(days: number): string {
  const day = new Date();
  day.setDate(day.getDate() + days);
  return day.toISOString().slice(0, 10);
}

/**
 * Asks a service through the gateway with the signed-in person's own access token (the SPA keeps it in the
 * session): for what the SPA has no screen for in this journey.
 */
async function callApi(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const key = Object.keys(sessionStorage).find((name) => name.startsWith("oidc.user:"));
      const user = key ? (JSON.parse(sessionStorage.getItem(key) ?? "{}") as { access_token?: string }) : {};
      const response = await fetch(path, {
        method,
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${user.access_token ?? ""}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    { method, path, body },
  );
}

/** The coach records the client's consent for the new employer as the recipient, in the client page's form. */
async function giveConsent(page: Page, employerName: string): Promise<void> {
  await openTab(page, "Suostumukset");
  const consents = page.getByRole("region", { name: "Suostumukset" });
  await consents.getByRole("button", { name: "Uusi suostumus" }).click();
  await consents.getByLabel("Vastaanottava organisaatio").selectOption({ label: employerName });
  for (const category of ["Henkilötiedot", "Yhteystiedot", "Palvelutarpeen arvio"]) {
    await consents.getByRole("checkbox", { name: category }).check();
  }
  await consents.getByLabel("Käyttötarkoitus").fill("Esittely työnantajalle avoimeen työpaikkaan");
  await consents.getByRole("button", { name: "Kirjaa suostumus" }).click();
  await expect(consents.getByRole("status")).toContainText(employerName);
  await expect(consents.getByRole("row", { name: new RegExp(employerName) })).toContainText("Voimassa");
  await expectAccessible(page);
}

test("employer services register an employer and a vacancy, see a demo client among the candidates with the reason; the coach offers the vacancy; the client is introduced after the consent, hired, and a pay subsidy decided; the client's timeline shows it all", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const suffix = String(Date.now() % 100000);

  // The coach's demo client Sara Laine (office work in Lahti, long unemployed): her id, from clients-api.
  await login(page, "coach");
  const found = await callApi(page, "GET", "/api/clients/v1/clients?name=Laine&limit=50");
  const clients = (found.body as { items: { id: string; first_names: string }[] }).items;
  const clientId = clients.find((client) => client.first_names === "Sara")?.id ?? "";
  expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
  const clientPath = `/clients/${clientId}`;
  await logout(page);

  // Employer services: the home with its four lists.
  await login(page, "employer");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tervetuloa, Sanna Heikkinen");
  for (const name of [
    "Seuraavat askeleet työnantajien kanssa",
    "Avoimet työpaikat ilman ehdokkaita",
    "Työtarjoukset, jotka odottavat vastausta",
    "Esittelyt, joiden tulosta odotetaan",
  ]) {
    await expect(page.getByRole("region", { name })).toBeVisible();
  }
  await expectAccessible(page);

  // A new employer.
  const navigation = page.getByRole("navigation", { name: "Päävalikko" });
  await navigation.getByRole("link", { name: "Työnantajat" }).click();
  const employerName = `Toimistopalvelu ${suffix} Oy`;
  const register = page.getByRole("form", { name: "Rekisteröi työnantaja" });
  await register.getByLabel(/^Y-tunnus/).fill(randomBusinessId());
  await register.getByLabel(/^Nimi/).fill(employerName);
  await register.getByLabel(/^Toimialakoodi/).fill("82110");
  await register.getByRole("checkbox", { name: "Lahti", exact: true }).check();
  await register.getByRole("button", { name: "Rekisteröi työnantaja" }).click();
  await expect(page).toHaveURL(/\/employers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(employerName);
  await expect(page.getByText(/rekisteröijä Sanna Heikkinen/)).toBeVisible();

  // A contact with its next step, then a vacancy, saved as a draft and published on its own page.
  const contactForm = page.getByRole("form", { name: "Kirjaa yhteydenotto" });
  await contactForm.getByLabel(/^Aihe/).fill("Toimistotyön rekrytointi");
  await contactForm.getByLabel(/^Seuraava askel$/).fill("Lähetä ehdokkaat");
  await contactForm.getByLabel(/^Seuraavan askeleen määräpäivä/).fill(inDays(7));
  await contactForm.getByRole("button", { name: "Kirjaa yhteydenotto" }).click();
  await expect(contactForm.getByRole("status")).toHaveText("Yhteydenotto kirjattu.");
  await expect(page.getByRole("region", { name: "Yhteydenotot" })).toContainText("Yhteydenoton teki Sanna Heikkinen");

  const title = `Toimistotyöntekijä ${suffix}`;
  const vacancyForm = page.getByRole("form", { name: "Uusi työpaikka" });
  await vacancyForm.getByLabel(/^Tehtävä suomeksi/).fill(title);
  await vacancyForm.getByLabel(/^Kuvaus/).fill("Asiakaspalvelu ja toimistotyöt");
  await vacancyForm.getByLabel(/^Ammatti \(ISCO-08\)/).fill("4110");
  await vacancyForm.getByLabel(/^Kunta/).selectOption({ label: "Lahti" });
  await vacancyForm.getByLabel(/^Hakuaika päättyy/).fill(inDays(30));
  await vacancyForm.getByRole("checkbox", { name: "Palkkatuki" }).check();
  await expectAccessible(page);
  await vacancyForm.getByRole("button", { name: "Tallenna työpaikka luonnoksena" }).click();
  await expect(page).toHaveURL(/\/vacancies\/[0-9a-f-]{36}$/);
  const vacancyPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await page.getByRole("button", { name: "Julkaise" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Työpaikan tila: Julkaistu." })).toBeVisible();
  // Who made the vacancy and who last moved it, by the name employer-api recorded from the token.
  await expect(page.getByText(/, rekisteröijä Sanna Heikkinen$/)).toBeVisible();
  await expect(page.getByText(/, muuttaja Sanna Heikkinen$/)).toBeVisible();

  // The demo client among the candidates, with the reason of each part of her score.
  const candidates = page.getByRole("region", { name: "Sopivat ehdokkaat" });
  const candidate = candidates.getByRole("listitem").filter({ hasText: "Laine, Sara" });
  await expect(candidate).toBeVisible({ timeout: 30_000 });
  await expect(candidate).toContainText("Ammatti: 40/40 pistettä – sama ammatti (ISCO-perusryhmä)");
  await expect(candidate).toContainText("Sijainti: 15/15 pistettä – sama kunta");
  await expectAccessible(page);

  // Without the client's consent for this employer, the introduction is refused and the form says what is missing.
  await candidate.getByRole("button", { name: "Esittele työnantajalle" }).click();
  const refused = candidate.getByRole("alert");
  await expect(refused).toContainText("Suostumus puuttuu: esittelyä ei tehty");
  await expect(refused).toContainText(employerName);
  await expect(refused).toContainText("Henkilötiedot");
  await expect(refused).toContainText("Yhteystiedot");
  await expectAccessible(page);
  await logout(page);

  // The coach offers the vacancy to the client from its page, and gives the client's consent for the employer.
  await login(page, "coach");
  await page.goto(vacancyPath);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  // The coach reads another person's acts by their names, not by the subjects of their tokens.
  await expect(page.getByText(/, rekisteröijä Sanna Heikkinen$/)).toBeVisible();
  // The offer's one-field form opens from the candidate's own button, with focus on the day to answer by.
  const offerTo = page.getByRole("button", { name: /^Tarjoa työpaikka asiakkaalle Laine, Sara/ });
  await expect(offerTo).toBeVisible({ timeout: 15_000 });
  await offerTo.click();
  const offerForm = page.getByRole("form", { name: /^Tarjoa työpaikka asiakkaalle Laine, Sara/ });
  await expect(offerForm.getByLabel(/^Vastattava viimeistään/)).toBeFocused();
  await offerForm.getByRole("button", { name: "Tee työtarjous" }).click();
  // Sent, the form closes and focus goes to the message.
  const offerSent = page.getByRole("status").filter({ hasText: "Työtarjous tehty." });
  await expect(offerSent).toBeFocused();
  await expect(offerForm).toBeHidden();
  const offers = page.getByRole("region", { name: "Työtarjoukset" });
  await expect(offers).toContainText("Laine, Sara: Odottaa vastausta");
  await expect(offers).toContainText("Tarjosi Aino Virtanen");
  await expectAccessible(page);

  // The client page shows the matching vacancies with their explanation.
  await page.goto(clientPath);
  await openTab(page, "Sopivat työpaikat");
  const matches = page.getByRole("region", { name: "Sopivat työpaikat" });
  await expect(matches.getByText(/^Yhteensopivuus \d+\/100$/).first()).toBeVisible({ timeout: 15_000 });
  await giveConsent(page, employerName);
  await logout(page);

  // Employer services introduce the client now that the consent covers it, record "hired" and a pay subsidy.
  await login(page, "employer");
  await expect(page.getByRole("region", { name: "Työtarjoukset, jotka odottavat vastausta" })).toContainText(
    "Tarjosi Aino Virtanen",
  );
  await page.goto(vacancyPath);
  await expect(page.getByRole("region", { name: "Työtarjoukset" })).toContainText("Tarjosi Aino Virtanen");
  const again = page
    .getByRole("region", { name: "Sopivat ehdokkaat" })
    .getByRole("listitem")
    .filter({ hasText: "Laine, Sara" });
  await again.getByRole("button", { name: "Esittele työnantajalle" }).click();
  await expect(again.getByRole("status")).toHaveText("Asiakas esitelty työnantajalle.");
  const introductions = page.getByRole("region", { name: "Esittelyt" });
  await expect(introductions).toContainText("Esitelty");
  await expect(introductions).toContainText("Esitteli Sanna Heikkinen");
  const outcome = introductions.getByRole("form", { name: /^Kirjaa esittelyn tulos/ });
  await outcome.getByLabel("Tulos").selectOption({ label: "Palkattu" });
  await outcome.getByRole("button", { name: "Kirjaa tulos" }).click();
  await expect(introductions).toContainText("tuloksen kirjasi Sanna Heikkinen");

  await introductions.getByText("Kirjaa tukipäätös palkatulle").click();
  const subsidy = introductions.getByRole("form", { name: /^Tukipäätös/ });
  await subsidy.getByLabel(/^Tuki/).selectOption({ label: "Palkkatuki" });
  await subsidy.getByLabel(/^Palkkatuen peruste/).selectOption({ label: "Työtön työnhakija" });
  await subsidy.getByLabel(/^Palkkakustannus kuukaudessa/).fill("2 400,00");
  await subsidy.getByLabel(/^Alkaa/).fill(inDays(1));
  await subsidy.getByLabel(/^Päättyy/).fill(inDays(120));
  await subsidy.getByRole("button", { name: "Kirjaa tukipäätös" }).click();
  await expect(subsidy.getByRole("status")).toContainText("Palkkatuki kirjattu, sidottu yhteensä");
  await expect(subsidy.getByRole("status")).toContainText("€");
  await expectAccessible(page);

  // The supports: the money committed this year in euros.
  await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Tuet" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tuet ja sidotut määrärahat");
  await expect(page.getByText(/^Sidottu yhteensä .*€$/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Tukipäätökset" })).toContainText("päätti Sanna Heikkinen");
  await expectAccessible(page);
  await logout(page);

  // The client's timeline shows the offer, the introduction, its outcome and the subsidy decision.
  await login(page, "coach");
  const timelineShows = async (text: string) => {
    await expect(async () => {
      await page.goto(`${clientPath}?tab=timeline`);
      await expect(page.getByRole("region", { name: "Tapahtumat" })).toContainText(text, { timeout: 5_000 });
    }).toPass({ timeout: 60_000 });
  };
  for (const text of [
    "Työtarjous lähetetty",
    "Esitelty työnantajalle",
    "Esittelyn tulos kirjattu",
    "Tukipäätös tehty",
  ]) {
    await timelineShows(text);
  }
  await expectAccessible(page);
});
