import { expect, type Page, test } from "@playwright/test";

import { expectAccessible, login, randomIdentityCode, openTab } from "./support";

const SERVICE = "Työ- ja toimintakyvyn arviointi";
const PARTNER = "Päijät-Hämeen hyvinvointialue";

async function logout(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Kirjaudu ulos" }).click();
  await expect(page.getByRole("button", { name: "Kirjaudu sisään" })).toBeVisible();
}

/** The partner moves the referral on through the detail page's form. */
async function move(page: Page, action: string, status: string): Promise<void> {
  const actions = page.getByRole("region", { name: "Toimenpiteet" });
  await actions.getByRole("radio", { name: action }).check();
  await actions.getByRole("button", { name: "Tallenna", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `Lähetteen tila on nyt: ${status}.` })).toBeVisible();
}

test("a coach refers a fresh client to the wellbeing county; the partner attaches a document and completes it; the outcome reaches the coach's timeline; the coach records the client's feedback", async ({
  page,
}) => {
  test.setTimeout(240_000);

  // A client no other test knows.
  await login(page);
  await page.goto("/clients/new");
  const lastName = `Lähetettävä${Date.now() % 100000}`;
  await page.getByLabel("Henkilötunnus").fill(randomIdentityCode());
  await page.getByLabel("Etunimet").fill("Reija");
  await page.getByLabel("Sukunimi").fill(lastName);
  await page.getByLabel("Kotikunta").selectOption({ label: "Lahti" });
  await page.getByRole("button", { name: "Rekisteröi" }).click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  const clientPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Reija ${lastName}`);

  // Before sending, the form shows that no consent covers the data yet.
  await openTab(page, "Lähetteet");
  const referrals = page.getByRole("region", { name: "Lähetteet", exact: true });
  await expect(referrals).toContainText("Asiakkaalle ei ole tehty lähetteitä.");
  await referrals.getByRole("button", { name: "Tee lähete" }).click();
  await expect(referrals.getByRole("heading", { name: "Uusi lähete" })).toBeFocused();
  await referrals.getByLabel(/^Hae palvelua/).fill("arviointi");
  await referrals.getByRole("button", { name: "Hae", exact: true }).click();
  await referrals.getByRole("radio", { name: `${SERVICE} (${PARTNER})` }).check();
  await referrals.getByRole("checkbox", { name: "Henkilötiedot" }).check();
  await referrals.getByRole("checkbox", { name: "Palvelutarpeen arvio" }).check();
  const check = referrals.getByRole("group", { name: `Asiakkaan suostumus: ${PARTNER}` });
  await expect(check).toContainText("Henkilötiedot: ei suostumusta");
  await expect(check).toContainText("Palvelutarpeen arvio: ei suostumusta");
  const reason = `Työkyvyn arviointi ennen kuntoutussuunnitelmaa (${lastName})`;
  await referrals.getByLabel(/^Lähetteen syy/).fill(reason);
  await expectAccessible(page);

  // Sent anyway, referrals-api refuses (409): the reason is shown and the draft kept.
  await referrals.getByRole("button", { name: "Lähetä lähete" }).click();
  const refused = referrals.getByRole("alert").filter({ hasText: "asiakkaan suostumus puuttuu" });
  await expect(refused).toContainText("Henkilötiedot, Palvelutarpeen arvio");
  await expect(refused).toContainText("tallennettu luonnoksena");
  await expect(referrals.getByRole("row", { name: new RegExp(SERVICE) })).toContainText("Luonnos");

  // The consent through the consents section; then the same draft is sent.
  await refused.getByRole("link", { name: "Siirry suostumuksiin" }).click();
  await expect(page).toHaveURL(/#consents$/);
  await openTab(page, "Suostumukset");
  const consents = page.getByRole("region", { name: "Suostumukset" });
  await consents.getByRole("button", { name: "Uusi suostumus" }).click();
  await consents.getByLabel("Vastaanottava organisaatio").selectOption({ label: PARTNER });
  await consents.getByRole("checkbox", { name: "Henkilötiedot" }).check();
  await consents.getByRole("checkbox", { name: "Palvelutarpeen arvio" }).check();
  await consents.getByLabel(/^Käyttötarkoitus/).fill("Työ- ja toimintakyvyn arviointi");
  await consents.getByRole("button", { name: "Kirjaa suostumus" }).click();
  await expect(consents.getByRole("status")).toContainText("on kirjattu");

  // The draft was kept: the coach sends it from its own page, now that the consent covers it.
  await openTab(page, "Lähetteet");
  const row = referrals.getByRole("row", { name: new RegExp(SERVICE) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Luonnos");
  await row.getByRole("link", { name: SERVICE }).click();
  await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  const referralPath = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Lähetä lähete" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Lähete on lähetetty." })).toBeVisible();

  // The referral's own page, as the sender sees it: only cancelling is open.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Lähete: ${SERVICE}`);
  await expect(page.getByRole("region", { name: "Toimenpiteet" }).getByRole("radio")).toHaveCount(1);
  await expect(page.getByRole("radio", { name: "Peru lähete" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Asiakkaan tiedot" })).toContainText(`Reija ${lastName}`);
  await expectAccessible(page);

  // A message to the partner on the referral: sent, focused in the thread, and the coach's own.
  const question = `Asiakas toivoo aamupäivän aikoja (${lastName}).`;
  const messages = page.getByRole("region", { name: /^Viestit/ });
  await expect(messages).toContainText("Ei viestejä vielä.");
  await messages.getByRole("textbox", { name: /^Viesti/ }).fill(question);
  await messages.getByRole("button", { name: "Lähetä viesti" }).click();
  await expect(messages.getByRole("status")).toHaveText("Viesti lähetetty.");
  const thread = messages.getByRole("list", { name: "Viestit" });
  await expect(thread).toBeFocused();
  await expect(thread.getByRole("listitem")).toHaveCount(1);
  await expect(thread.getByRole("listitem")).toContainText(question);
  await expect(thread.getByRole("listitem")).toContainText("sinä");
  await expectAccessible(page);

  // The board: the referral waits for the partner's answer.
  const navigation = page.getByRole("navigation", { name: "Päävalikko" });
  await navigation.getByRole("link", { name: "Lähetteet" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lähetteet");
  const attention = page.getByRole("region", { name: /^Vaatii huomiota/ });
  await expect(attention.locator(`a[href="${referralPath}"]`)).toBeVisible();
  // The card names the client (read from clients-api) with a link to the client's page.
  const card = attention.getByRole("listitem").filter({ has: page.locator(`a[href="${referralPath}"]`) });
  await expect(card.getByRole("link", { name: `${lastName}, Reija` })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole("region", { name: /^Lähetetyt/ }).locator(`a[href="${referralPath}"]`)).toBeVisible();
  await expectAccessible(page);

  // The directory, filtered; the filters are in the address.
  await navigation.getByRole("link", { name: "Palvelutarjotin" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Palvelutarjotin");
  await page.getByLabel("Organisaation tyyppi").selectOption({ label: "Hyvinvointialue" });
  await page.getByRole("button", { name: "Hae palveluita" }).click();
  await expect(page).toHaveURL(/organisation_type=wellbeing_services_county/);
  const results = page.getByRole("region", { name: "Palvelut" });
  await expect(results.getByRole("status")).toHaveText("Näytetään 1 palvelu.");
  await expect(results.getByRole("heading", { name: SERVICE })).toBeVisible();
  await expect(results).toContainText("Lähi- ja etäpalvelu: Keskussairaalankatu 7, 15850 Lahti");
  await expectAccessible(page);

  // The network map: the drawing and the table with the same flows.
  await navigation.getByRole("link", { name: "Verkostokartta" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Verkostokartta");
  const flows = page.getByRole("region", { name: "Lähetevirrat" });
  await expect(flows.getByRole("row", { name: new RegExp(SERVICE) })).toBeVisible();
  await expectAccessible(page);
  await logout(page);

  // The partner: the referral is new in its inbox.
  await login(page, "hyvinvointialue");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Saapuneet lähetteet");
  const partnerNavigation = page.getByRole("navigation", { name: "Päävalikko" });
  await expect(partnerNavigation.getByRole("link")).toHaveText(["Saapuneet lähetteet", "Omat palvelut"]);
  const fresh = page
    .getByRole("region", { name: /^Uudet/ })
    .getByRole("listitem")
    .filter({ hasText: reason });
  await expect(fresh).toBeVisible();
  // The coach's message waits unread on the referral's card.
  await expect(fresh).toContainText("1 lukematon");
  await expectAccessible(page);
  await fresh.getByRole("link", { name: SERVICE }).click();
  await expect(page).toHaveURL(referralPath);
  await expect(page.getByRole("region", { name: "Asiakkaan tiedot" })).toContainText(`Reija ${lastName}`);

  // The partner reads the message, named by the coach who wrote it, and answers.
  const partnerMessages = page.getByRole("region", { name: /^Viestit/ });
  const received = partnerMessages.getByRole("list", { name: "Viestit" }).getByRole("listitem");
  await expect(received).toHaveCount(1);
  await expect(received).toContainText(question);
  await expect(received).toContainText("Aino Virtanen");
  await expect(received).toContainText("Uusi");
  const answer = `Aamupäivän aika sovittu (${lastName}).`;
  await partnerMessages.getByRole("textbox", { name: /^Viesti/ }).fill(answer);
  await partnerMessages.getByRole("button", { name: "Lähetä viesti" }).click();
  await expect(partnerMessages.getByRole("status")).toHaveText("Viesti lähetetty.");
  await expect(received).toHaveCount(2);
  await expectAccessible(page);

  await move(page, "Merkitse vastaanotetuksi", "Vastaanotettu");
  await move(page, "Hyväksy", "Hyväksytty");
  await page.getByLabel(/^Raportti/).fill("Ensimmäinen arviointikäynti sovittu.");
  await page.getByRole("button", { name: "Tallenna raportti" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Edistymisraportti on tallennettu." })).toBeVisible();
  await move(page, "Aloita palvelu", "Käynnissä");

  // A short document for the sender: checked, sent, listed and announced.
  const documents = page.getByRole("region", { name: "Liitteet" });
  await documents.getByLabel(/^Liitetiedosto/).setInputFiles({
    name: "arviointikaynti.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("Ensimmäinen arviointikäynti pidetty 1.12.\n", "utf-8"),
  });
  await documents.getByRole("button", { name: "Lisää liite" }).click();
  await expect(documents.getByRole("status")).toHaveText("Liite arviointikaynti.txt on lisätty.");
  await expect(documents.getByRole("button", { name: "Lataa arviointikaynti.txt" })).toBeVisible();
  await expectAccessible(page);

  // Completing needs an outcome: said next to the field before anything is sent.
  const actions = page.getByRole("region", { name: "Toimenpiteet" });
  await actions.getByRole("radio", { name: "Päätä palvelu" }).check();
  await actions.getByRole("button", { name: "Tallenna", exact: true }).click();
  const outcome = actions.getByLabel(/^Tulos/);
  await expect(outcome).toHaveAccessibleDescription("Valitse palvelun tulos");
  await expect(outcome).toBeFocused();
  await outcome.selectOption({ label: "Aloitti koulutuksen" });
  await actions.getByRole("button", { name: "Tallenna", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Lähetteen tila on nyt: Päättynyt." })).toBeVisible();
  const history = page.getByRole("list", { name: "Historia" });
  await expect(history).toContainText("Ensimmäinen arviointikäynti sovittu.");
  await expect(history).toContainText("Tulos: Aloitti koulutuksen");
  await expect(actions).toContainText("Lähetteelle ei voi nyt tehdä toimenpiteitä.");
  await expectAccessible(page);

  // The same page in English and Swedish.
  await page.getByRole("button", { name: "In English" }).click();
  await expect(page.getByRole("list", { name: "History" })).toContainText("Outcome: Started education");
  await page.getByRole("button", { name: "På svenska" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Remiss: Bedömning av arbets- och funktionsförmåga");
  await expect(page.getByRole("list", { name: "Historik" })).toContainText("Resultat: Började studera");
  await page.getByRole("button", { name: "Suomeksi" }).click();

  // Its own services only.
  await partnerNavigation.getByRole("link", { name: "Omat palvelut" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Omat palvelut");
  await expect(page.getByRole("region", { name: "Palvelut" }).getByRole("status")).toHaveText("Näytetään 1 palvelu.");
  await logout(page);

  // The coach's home names the partner's unread answer on the referral.
  await login(page);
  const unreadThreads = page.getByRole("list", { name: "Viestit kumppaneilta, joita et ole lukenut" });
  await expect(unreadThreads.getByRole("listitem").filter({ hasText: `${lastName}, Reija` })).toContainText(
    "1 lukematon",
  );
  await expectAccessible(page);

  // The coach sees the outcome on the client's timeline once the event has travelled.
  await page.goto(clientPath);
  await openTab(page, "Tapahtumat");
  const timeline = page.getByRole("region", { name: "Tapahtumat" });
  await expect(async () => {
    await page.reload();
    await expect(timeline.getByRole("listitem").first()).toContainText(
      "Lähetteen palvelu päättynyt: Aloitti koulutuksen",
      {
        timeout: 3_000,
      },
    );
  }).toPass({ timeout: 120_000, intervals: [1_000, 2_000, 5_000] });
  await openTab(page, "Lähetteet");
  await expect(
    page.getByRole("region", { name: "Lähetteet", exact: true }).getByRole("row", { name: new RegExp(SERVICE) }),
  ).toContainText("Aloitti koulutuksen");

  // The coach records the client's feedback on the completed referral; the partner's document and answer are there.
  await page.goto(referralPath);
  const answered = page.getByRole("region", { name: /^Viestit/ }).getByRole("list", { name: "Viestit" });
  await expect(answered.getByRole("listitem").last()).toContainText(answer);
  await expect(answered.getByRole("listitem").last()).toContainText(PARTNER);
  await expect(
    page.getByRole("region", { name: "Liitteet" }).getByRole("button", { name: "Lataa arviointikaynti.txt" }),
  ).toBeVisible();
  const feedback = page.getByRole("region", { name: "Asiakaspalaute" });
  await expect(feedback).toContainText("Asiakkaan palautetta ei ole kirjattu.");
  await feedback.getByRole("button", { name: "Tallenna palaute" }).click();
  await expect(feedback.getByRole("group", { name: /^Asiakkaan arvio palvelusta/ })).toHaveAccessibleDescription(
    "Valitse arvio 1–5",
  );
  await feedback.getByRole("radio", { name: "4 – Hyvä" }).check();
  await feedback.getByLabel(/^Asiakkaan sanallinen palaute/).fill("Arviointi auttoi löytämään sopivan koulutuksen.");
  await feedback.getByRole("button", { name: "Tallenna palaute" }).click();
  await expect(feedback.getByRole("status")).toHaveText("Asiakkaan palaute on tallennettu.");
  await expect(feedback.getByRole("definition")).toHaveText([
    "4 – Hyvä",
    "Arviointi auttoi löytämään sopivan koulutuksen.",
  ]);
  await expect(feedback.getByRole("heading", { name: "Asiakaspalaute" })).toBeFocused();
  await expectAccessible(page);
});
