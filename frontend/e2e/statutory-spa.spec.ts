import { randomUUID } from "node:crypto";

import { expect, type Page, test } from "@playwright/test";

import { expectAccessible, login, openTab } from "./support";

async function logout(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Kirjaudu ulos" }).click();
  await expect(page.getByRole("button", { name: "Kirjaudu sisään" })).toBeVisible();
}

function navigation(page: Page) {
  return page.getByRole("navigation", { name: "Päävalikko" });
}

/** A business ID (Y-tunnus) with its check digit (weights 7, 9, 10, 5, 8, 4, 2; remainder 1 is never issued). */
function randomBusinessId(): string {
  for (;;) {
    const digits = String(1_000_000 + Math.floor(Math.random() * 8_999_999));
    const sum = [7, 9, 10, 5, 8, 4, 2].reduce((total, weight, index) => total + weight * Number(digits[index]), 0);
    const remainder = sum % 11;
    if (remainder !== 1) return `${digits}-${remainder === 0 ? 0 : 11 - remainder}`;
  }
}

test("a partner edits its own service and sees who changed it; others are not offered the page", async ({ page }) => {
  await login(page, "hyvinvointialue");
  await expect(navigation(page).getByRole("link")).toHaveText(["Saapuneet lähetteet", "Omat palvelut"]);
  await navigation(page).getByRole("link", { name: "Omat palvelut" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Omat palvelut");
  const list = page.getByRole("region", { name: "Palvelut" });
  const edit = list.getByRole("button", { name: /^Muokkaa palvelua / }).first();
  await expect(edit).toBeVisible();
  await expectAccessible(page);

  await edit.click();
  await expect(page.getByRole("heading", { name: /^Muokkaa palvelua .* \(versio \d+\)$/ })).toBeFocused();
  const seats = page.getByRole("textbox", { name: /^Paikkoja/ });
  const seatsNow = Number((await seats.inputValue()) || "0");
  await seats.fill(String(seatsNow + 1));
  await expectAccessible(page);
  await page.getByRole("button", { name: "Tallenna muutokset" }).click();
  await expect(page.getByText(/muutokset tallennettu\. Tallentaja: Leena Sosiaali\./)).toBeVisible();
  await expect(list.getByText(/Viimeksi muuttanut Leena Sosiaali/).first()).toBeVisible();
  await logout(page);

  // A coach has neither the partners' pages nor the data protection view in the navigation.
  await login(page);
  for (const name of ["Kumppanit", "Kumppanien palvelut", "Tietosuoja"]) {
    await expect(navigation(page).getByRole("link", { name, exact: true })).toHaveCount(0);
  }
  await expect(navigation(page).getByRole("link", { name: "Siirrot" })).toBeVisible();
});

test("an administrator registers a partner organisation and maintains the partners' services", async ({ page }) => {
  await login(page, "admin");
  await navigation(page).getByRole("link", { name: "Kumppanit", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kumppanit");
  await expect(page.getByRole("table", { name: "Kumppaniorganisaatiot" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Rekisteröi kumppani" }).click();
  const form = page.getByRole("form", { name: "Rekisteröi kumppani" });
  await form.getByRole("button", { name: "Rekisteröi" }).click();
  // What is missing is said next to each field, before anything is sent.
  await expect(form.getByText(/^Anna organisaation tunniste \(UUID\)/)).toBeVisible();
  await expectAccessible(page);
  const name = `Testipaja ${randomUUID().slice(0, 8)}`;
  await form.getByRole("textbox", { name: /^Organisaation tunniste/ }).fill(randomUUID());
  await form.getByRole("textbox", { name: /^Nimi/ }).fill(name);
  await form.getByRole("combobox", { name: /^Organisaation tyyppi/ }).selectOption("third_sector_workshop");
  await form.getByRole("textbox", { name: /^Y-tunnus/ }).fill(randomBusinessId());
  await form.getByRole("checkbox", { name: "Lahti", exact: true }).check();
  await form.getByRole("button", { name: "Rekisteröi" }).click();
  await expect(page.getByText(`${name} on rekisteröity kumppaniksi. Rekisteröijä: Ilona Admin.`)).toBeVisible();
  const row = page.getByRole("table", { name: "Kumppaniorganisaatiot" }).getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Viimeksi muuttanut Ilona Admin");

  await navigation(page).getByRole("link", { name: "Kumppanien palvelut" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kumppanien palvelut");
  await page.getByRole("combobox", { name: "Kumppani" }).selectOption({ label: "Päijät-Hämeen hyvinvointialue" });
  await expect(page.getByRole("region", { name: "Palvelut" }).getByRole("status")).toContainText("Näytetään");
  await expectAccessible(page);
});

test("a coach adds a competence, drafts a joint referral on the team's decision and tries a hand-over", async ({
  page,
}) => {
  await login(page);
  await page.getByRole("region", { name: "Asiakkaani" }).getByRole("link", { name: "Laine, Sara" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sara Laine");

  // Competences in the assessment form.
  await openTab(page, "Palvelutarpeen arvio");
  const assessment = page.getByRole("region", { name: "Palvelutarpeen arvio" });
  await assessment.getByRole("button", { name: /^(Tee palvelutarpeen arvio|Muokkaa arviota)$/ }).click();
  await assessment.getByRole("button", { name: "Lisää osaaminen" }).click();
  const competences = assessment.getByRole("group", { name: "Osaaminen" });
  await competences
    .getByLabel(/^Hae osaamisen \d+ ammattia/)
    .last()
    .fill("kuorma-auto");
  await competences.getByRole("list", { name: "Hakutulokset" }).getByRole("button", { name: /8332/ }).click();
  await competences
    .getByRole("textbox", { name: /^Osaamisen \d+ kuvaus/ })
    .last()
    .fill("Trukkikortti, varastonhallinta");
  await expectAccessible(page);
  await assessment.getByRole("button", { name: "Tallenna arvio" }).click();
  await expect(assessment.getByRole("status")).toContainText("on tallennettu.");
  await expect(assessment).toContainText("Trukkikortti, varastonhallinta");

  // A joint referral: drafted with the weekly team's decision, then sent or refused for a missing consent.
  await openTab(page, "Yhteislähetteet");
  const joint = page.getByRole("region", { name: "Yhteislähetteet" });
  await joint.getByRole("button", { name: "Uusi yhteislähete" }).click();
  const form = joint.getByRole("form", { name: "Uusi yhteislähete viikkotiimin päätöksellä" });
  const services = form.getByRole("group", { name: /^Palvelut/ }).getByRole("checkbox");
  await expect(services.nth(1)).toBeVisible();
  await services.nth(0).check();
  await services.nth(1).check();
  await form.getByRole("textbox", { name: /^Lähetteen peruste/ }).fill("TYP-asiakkuus: työkyky ja työpaja rinnakkain");
  await form.getByRole("textbox", { name: /^Tiimi \*?$/ }).fill("Lahden TYP-viikkotiimi");
  await form.getByRole("textbox", { name: /^Tiimin päätös/ }).fill("Alkupalvelu: työkyvyn arviointi ja työpaja");
  await expectAccessible(page);
  await form.getByRole("button", { name: "Laadi yhteislähete" }).click();
  await expect(joint.getByText(/Yhteislähete laadittu 2 palveluun/)).toBeVisible();
  // The newest joint referral with its drafts (an earlier run's may be listed too); a filter's inner locator starts
  // from the page.
  const send = page.getByRole("button", { name: "Lähetä kaikki 2 luonnosta" });
  const item = joint
    .getByRole("listitem", { name: /^Lahden TYP-viikkotiimi, päätös / })
    .filter({ has: send })
    .first();
  await expect(item).toContainText("Laatinut Aino Virtanen");
  await item.getByRole("button", { name: "Lähetä kaikki 2 luonnosta" }).click();
  await expect(item.getByRole("alert").or(joint.getByText(/yhteislähete lähetetty \(2 lähetettä\)/))).toBeVisible();
  await expectAccessible(page);

  // A hand-over needs the client's team to be an initial-service team: the refusal says what to do. Another
  // spec may have named the team initial-service in the same demo data: then the hand-over starts.
  await openTab(page, "Siirto omavalmentajalle");
  const handover = page.getByRole("region", { name: "Siirto omavalmentajalle" });
  await handover.getByRole("button", { name: "Aloita siirto" }).click();
  await handover.getByRole("combobox", { name: /^Omavalmentaja/ }).selectOption({ label: "Aino Virtanen" });
  await handover.getByRole("textbox", { name: /^Siirron syy/ }).fill("Kolme kuukautta alkupalvelussa täynnä");
  await handover.getByRole("button", { name: "Siirrä omavalmentajalle" }).click();
  await expect(
    handover.getByRole("alert").or(handover.getByText(/^Asiakkaan siirto valmentajalle Aino Virtanen aloitettu/)),
  ).toContainText(/Asiakas ei ole alkupalvelutiimin asiakas\.|aloitettu/);
  await expectAccessible(page);

  // The coach's hand-overs: both sides.
  await navigation(page).getByRole("link", { name: "Siirrot" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Siirrot omavalmentajalle");
  await expect(page.getByRole("region", { name: "Tulossa minulle" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Lähdössä minulta ja tiimeiltäni" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Ohjaus omavalmentajille" })).toHaveCount(0);
  await expectAccessible(page);
});

test("a manager routes the hand-overs and sees the initial-service teams", async ({ page }) => {
  await login(page, "manager");
  await navigation(page).getByRole("link", { name: "Siirrot" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Siirrot omavalmentajalle");
  const routing = page.getByRole("form", { name: "Ohjaus omavalmentajille" });
  await routing.getByRole("button", { name: "Ohjaa omavalmentajille" }).click();
  await expect(page.getByRole("status").filter({ hasText: /ohjattu|Ei ohjattavia asiakkaita/ })).toBeVisible();
  const teams = page.getByRole("region", { name: "Alkupalvelutiimit" });
  await expect(teams).toContainText("Lahden nuorten tiimi");
  await expectAccessible(page);
});

test("the data protection officer reads a client's audit trail and downloads the personal-data export", async ({
  page,
}) => {
  await login(page);
  await page.getByRole("region", { name: "Asiakkaani" }).getByRole("link", { name: "Järvinen, Mikko" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mikko Järvinen");
  const clientId = page.url().split("/clients/")[1];
  await logout(page);

  await login(page, "dpo");
  await expect(navigation(page).getByRole("link")).toHaveText(["Etusivu", "Tietosuoja"]);
  await navigation(page).getByRole("link", { name: "Tietosuoja" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tietosuoja");
  await page.getByRole("textbox", { name: /^Asiakkaan tunniste/ }).fill(clientId);
  await page.getByRole("button", { name: "Näytä lokitiedot" }).click();
  const trail = page.getByRole("table", { name: "Lokitiedot" });
  // The coach's read a moment ago, by the coach's subject and role.
  await expect(trail.getByRole("row", { name: /coach/ }).first()).toContainText("Luki");
  await expectAccessible(page);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Lataa henkilötiedot" }).click();
  expect((await download).suggestedFilename()).toBe(`personal-data-${clientId}.json`);
  await expect(page.getByText(/Luovuttaja: Tiina Tietosuoja\./)).toBeVisible();
  // The export is itself in the trail.
  await expect(trail.getByRole("row", { name: /Luovutti/ }).first()).toBeVisible();
  await expectAccessible(page);
});
