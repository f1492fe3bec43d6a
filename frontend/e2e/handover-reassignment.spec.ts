import { randomUUID } from "node:crypto";

import { expect, type Page, test } from "@playwright/test";

import { expectAccessible, login, openTab, randomIdentityCode } from "./support";

// The demo coaches of Lahti (docs/contract.md): `coach` holds the initial service, `coach3` is the personal coach.
const AINO = { username: "coach", name: "Aino Virtanen" };
const VILLE = { username: "coach3", name: "Ville Heinonen" };
const MANAGER = "Pekka Nieminen";
const ORGANISATION = "Lahden seudun työllisyysalue";

async function logout(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Kirjaudu ulos" }).click();
  await expect(page.getByRole("button", { name: "Kirjaudu sisään" })).toBeVisible();
}

function navigation(page: Page) {
  return page.getByRole("navigation", { name: "Päävalikko" });
}

/** Today as Finland writes it (the stack runs in Helsinki time). */
function todayInFinland(): string {
  return new Intl.DateTimeFormat("fi-FI", { timeZone: "Europe/Helsinki" }).format(new Date());
}

/** The manager makes a team and adds a coach to it. */
async function teamWith(page: Page, name: string, coach: typeof AINO): Promise<void> {
  await page.getByRole("button", { name: "Perusta tiimi" }).click();
  await page.getByRole("textbox", { name: /^Tiimin nimi/ }).fill(name);
  await page.getByRole("button", { name: "Perusta", exact: true }).click();
  await expect(page.getByText(`Tiimi ${name} perustettu, perustaja Pekka Nieminen.`)).toBeFocused();
  const team = page.getByRole("region", { name });
  await team.getByRole("button", { name: `Lisää valmentaja tiimiin ${name}` }).click();
  await team.getByRole("combobox", { name: /^Valmentaja/ }).selectOption({ label: coach.name });
  await team.getByRole("button", { name: "Lisää tiimiin" }).click();
  await expect(team.getByText(`${coach.name} lisätty tiimiin ${name}.`)).toBeFocused();
}

/** The timeline's entry of one kind of event, the newest first. */
function timelineEntry(page: Page, what: string) {
  return page.getByRole("list", { name: "Tapahtumat" }).getByRole("listitem").filter({ hasText: what }).first();
}

test("an interview cancelled, a hand-over sent and accepted, a reassignment: each named on the client's page", async ({
  page,
}) => {
  // Four sign-ins and eight screens checked with axe, on a shared machine.
  test.setTimeout(240_000);
  const suffix = randomUUID().slice(0, 8);
  const initialTeam = `Alkupalvelu ${suffix}`;
  const personalTeam = `Omavalmennus ${suffix}`;

  // Ville signs in: from then on a manager finds him by name.
  await login(page, VILLE.username);
  await logout(page);

  // The manager: an initial-service team with Aino, a personal coaches' team with Ville.
  await login(page, "manager");
  await navigation(page).getByRole("link", { name: "Tiimit", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tiimit ja jäsenet");
  await teamWith(page, initialTeam, AINO);
  await teamWith(page, personalTeam, VILLE);
  await navigation(page).getByRole("link", { name: "Siirrot" }).click();
  const markings = page.getByRole("region", { name: "Alkupalvelutiimit" });
  await markings.getByRole("button", { name: `Merkitse ${initialTeam} alkupalvelutiimiksi` }).click();
  await expect(page.getByText(`${initialTeam} on nyt alkupalvelutiimi. Merkitsijä: ${MANAGER}.`)).toBeVisible();
  await expectAccessible(page);
  // The teams page says which team is the initial-service team.
  await navigation(page).getByRole("link", { name: "Tiimit", exact: true }).click();
  await expect(page.getByRole("region", { name: initialTeam })).toContainText("Alkupalvelutiimi: tiimi hoitaa");
  await expect(page.getByRole("region", { name: personalTeam })).not.toContainText("Alkupalvelutiimi");
  await expectAccessible(page);
  await logout(page);

  // Aino registers a client, records the initial interview and cancels it: the client did not come.
  await login(page, AINO.username);
  await page.goto("/clients/new");
  await page.getByLabel("Henkilötunnus").fill(randomIdentityCode());
  await page.getByLabel("Etunimet").fill("Oona");
  await page.getByLabel("Sukunimi").fill("Siirtola");
  await page.getByLabel("Kotikunta").selectOption({ label: "Lahti" });
  await page.getByRole("button", { name: "Rekisteröi" }).click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Oona Siirtola");
  const clientUrl = page.url();

  await openTab(page, "Lakisääteiset määräajat");
  const schedule = page.getByRole("region", { name: "Lakisääteiset määräajat" });
  await schedule.getByRole("button", { name: "Uusi keskustelu" }).click();
  await schedule.getByRole("textbox", { name: /^Pitopäivä/ }).fill(todayInFinland());
  await schedule.getByRole("combobox", { name: /^Asiointitapa/ }).selectOption({ label: "Puhelin" });
  await schedule.getByRole("button", { name: "Kirjaa keskustelu" }).click();
  await expect(schedule.getByText(`Keskustelu ${todayInFinland()} on kirjattu.`)).toBeVisible();

  await openTab(page, "Muutokset aikatauluun");
  const changes = page.getByRole("region", { name: "Muutokset aikatauluun" });
  await changes.getByRole("button", { name: "Valitse peruttava keskustelu" }).click();
  await changes.getByRole("combobox", { name: /^Keskustelu/ }).selectOption({ index: 1 });
  await changes.getByRole("combobox", { name: /^Perujana/ }).selectOption({ label: "Asiakas" });
  await changes.getByRole("textbox", { name: /^Perumisen perustelu/ }).fill("Asiakas ei saapunut puhelimen ääreen");
  await expectAccessible(page);
  await changes.getByRole("button", { name: "Peru keskustelu" }).click();
  await expect(changes.getByText(`Keskustelu ${todayInFinland()} peruttu, kirjaaja ${AINO.name}.`)).toBeFocused();
  const cancelled = changes.getByRole("list", { name: "Perutut keskustelut" }).getByRole("listitem");
  await expect(cancelled).toContainText("Asiakas: Asiakas ei saapunut puhelimen ääreen");

  // Aino's initial-service team hands the client over to Ville.
  await openTab(page, "Siirto omavalmentajalle");
  const handover = page.getByRole("region", { name: "Siirto omavalmentajalle" });
  await handover.getByRole("button", { name: "Aloita siirto" }).click();
  await handover.getByRole("combobox", { name: /^Omavalmentaja/ }).selectOption({ label: VILLE.name });
  await handover.getByRole("textbox", { name: /^Siirron syy/ }).fill("Työnhaku käynnissä, omavalmentaja jatkaa");
  await expectAccessible(page);
  await handover.getByRole("button", { name: "Siirrä omavalmentajalle" }).click();
  await expect(handover.getByText(/^Asiakkaan siirto valmentajalle Ville Heinonen aloitettu/)).toBeVisible();

  await navigation(page).getByRole("link", { name: "Siirrot" }).click();
  const outgoing = page.getByRole("region", { name: "Lähdössä minulta ja tiimeiltäni" });
  await expect(outgoing.getByRole("row", { name: /Oona Siirtola/ })).toContainText(`${VILLE.name}, ${personalTeam}`);
  await logout(page);

  // Ville accepts it from his incoming list.
  await login(page, VILLE.username);
  await navigation(page).getByRole("link", { name: "Siirrot" }).click();
  const incoming = page.getByRole("region", { name: "Tulossa minulle" });
  const row = incoming.getByRole("row", { name: /Oona Siirtola/ });
  await expect(row).toContainText(`${AINO.name}, ${initialTeam}`);
  await expect(row).toContainText("Työnhaku käynnissä, omavalmentaja jatkaa");
  await expectAccessible(page);
  await row.getByRole("button", { name: "Merkitse asiakkaan Oona Siirtola siirto tehdyksi" }).click();
  await expect(
    page.getByText(
      /^Asiakas Oona Siirtola on nyt valmentajan Ville Heinonen asiakas\. Siirron merkitsi tehdyksi Ville Heinonen\./,
    ),
  ).toBeVisible();
  await expect(incoming.getByRole("row", { name: /Oona Siirtola/ })).toHaveCount(0);
  await logout(page);

  // The manager moves the client back to Aino, with the reason.
  await login(page, "manager");
  await page.goto(clientUrl);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Oona Siirtola");
  await openTab(page, "Valmentaja ja tiimi");
  const assignment = page.getByRole("region", { name: "Valmentaja ja tiimi" });
  await expect(assignment.getByText(`Nykyinen valmentaja: ${VILLE.name}`)).toBeVisible();
  await assignment.getByRole("button", { name: "Siirrä asiakas" }).click();
  await assignment.getByRole("combobox", { name: /^Valmentaja/ }).selectOption({ label: AINO.name });
  await assignment.getByRole("combobox", { name: /^Tiimi/ }).selectOption({ label: initialTeam });
  await assignment.getByRole("textbox", { name: /^Perustelu/ }).fill("Asiakasmäärien tasaus");
  await expectAccessible(page);
  await assignment.getByRole("button", { name: "Tallenna osoitus" }).click();
  await expect(assignment.getByText(`Siirretty: ${AINO.name}. Tallentaja ${MANAGER}.`)).toBeFocused();
  const history = assignment.getByRole("list", { name: "Osoitushistoria" }).getByRole("listitem");
  await expect(history.filter({ hasText: "Asiakasmäärien tasaus" })).toContainText(`${VILLE.name} → ${AINO.name}`);
  await expect(history.filter({ hasText: "Työnhaku käynnissä, omavalmentaja jatkaa" })).toContainText(
    `Tekijä ${VILLE.name}`,
  );

  // The timeline as the manager reads it: who cancelled, who sent and who accepted, by name.
  await openTab(page, "Tapahtumat");
  await expect(timelineEntry(page, "Työnhakukeskustelu peruttu")).toContainText(`${AINO.name}, ${ORGANISATION}`);
  await expect(timelineEntry(page, "Siirto omavalmentajalle aloitettu")).toContainText(`${AINO.name}, ${ORGANISATION}`);
  await expect(timelineEntry(page, "Siirto omavalmentajalle tehty")).toContainText(`${VILLE.name}, ${ORGANISATION}`);
  await expect(timelineEntry(page, "Valmentaja tai tiimi vaihtui")).toContainText("sinä");
  await expectAccessible(page);
  await logout(page);

  // And as Aino reads it: the manager's reassignment by name.
  await login(page, AINO.username);
  await page.goto(clientUrl);
  await openTab(page, "Tapahtumat");
  await expect(timelineEntry(page, "Valmentaja tai tiimi vaihtui")).toContainText(`${MANAGER}, ${ORGANISATION}`);
  await expect(timelineEntry(page, "Työnhakukeskustelu peruttu")).toContainText("sinä");
});
