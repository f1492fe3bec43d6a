import { expect, test } from "@playwright/test";

import { expectAccessible, login } from "./support";

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

test("employer services edit an employer (a contact person added), mark a next step done, change a vacancy's requirements and mark a support paid", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const suffix = String(Date.now() % 100000);
  await login(page, "employer");

  // Registered with its size class; the signed-in worker is its account manager unless another is chosen.
  await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Työnantajat" }).click();
  const employerName = `Varastopalvelu ${suffix} Oy`;
  const register = page.getByRole("form", { name: "Rekisteröi työnantaja" });
  await register.getByLabel(/^Y-tunnus/).fill(randomBusinessId());
  await register.getByLabel(/^Nimi/).fill(employerName);
  await register.getByLabel(/^Toimialakoodi/).fill("52100");
  await register.getByLabel("Kokoluokka").selectOption({ label: "Pieni yritys (10–49 henkeä)" });
  await register.getByRole("checkbox", { name: "Lahti", exact: true }).check();
  await expect(register.getByLabel("Vastuuhenkilö")).toHaveValue(/.+/);
  await expectAccessible(page);
  await register.getByRole("button", { name: "Rekisteröi työnantaja" }).click();
  await expect(page).toHaveURL(/\/employers\/[0-9a-f-]{36}$/);
  const employerPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(employerName);
  // The account manager, named.
  await expect(page.locator("dd").filter({ hasText: /^Sanna Heikkinen$/ })).toBeVisible();

  // The employer's details edited: a contact person added, the employer network joined.
  await page.getByRole("button", { name: "Muokkaa tietoja" }).click();
  const edit = page.getByRole("form", { name: "Muokkaa työnantajan tietoja" });
  await expect(edit.getByRole("heading", { name: "Muokkaa työnantajan tietoja" })).toBeFocused();
  await edit.getByRole("button", { name: "Lisää yhteyshenkilö" }).click();
  const person = edit.getByRole("group", { name: "Yhteyshenkilö 1" });
  await expect(person.getByLabel(/^Nimi/)).toBeFocused();
  await person.getByLabel(/^Nimi/).fill("Teppo Työnjohtaja");
  await person.getByLabel("Rooli työnantajalla").fill("Varastopäällikkö");
  await person.getByLabel("Sähköposti").fill("teppo@example.fi");
  await edit.getByRole("checkbox", { name: "Työnantajaverkoston jäsen" }).check();
  await expectAccessible(page);
  await edit.getByRole("button", { name: "Tallenna muutokset" }).click();
  const edited = page.getByRole("status").filter({ hasText: "Työnantajan tiedot tallennettu (versio 2)" });
  await expect(edited).toBeFocused();
  await expect(edited).toContainText("tallensi Sanna Heikkinen");
  await expect(edit).toBeHidden();
  await expect(page.getByText("Teppo Työnjohtaja, Varastopäällikkö, teppo@example.fi")).toBeVisible();
  await expect(page.getByText(/, muuttaja Sanna Heikkinen$/)).toBeVisible();
  await expectAccessible(page);

  // A contact with its next step, then the next step marked done from the contact log.
  const contactForm = page.getByRole("form", { name: "Kirjaa yhteydenotto" });
  await contactForm.getByLabel(/^Aihe/).fill("Kesätyöpaikat varastolle");
  await contactForm.getByLabel(/^Seuraava askel$/).fill("Soita hakuajasta");
  await contactForm.getByLabel(/^Seuraavan askeleen määräpäivä/).fill(inDays(3));
  await contactForm.getByRole("button", { name: "Kirjaa yhteydenotto" }).click();
  await expect(contactForm.getByRole("status")).toHaveText("Yhteydenotto kirjattu.");
  const log = page.getByRole("region", { name: "Yhteydenotot" });
  await log.getByRole("button", { name: /^Merkitse tehdyksi: .* Kesätyöpaikat varastolle$/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Seuraava askel merkitty tehdyksi" })).toBeFocused();
  await expect(log).toContainText("Tehty: Sanna Heikkinen");
  await expect(log.getByRole("button", { name: /^Merkitse tehdyksi/ })).toHaveCount(0);
  await expectAccessible(page);

  // A vacancy with its requirements, then the requirements changed on its own page.
  const title = `Varastotyöntekijä ${suffix}`;
  const vacancyForm = page.getByRole("form", { name: "Uusi työpaikka" });
  await vacancyForm.getByLabel(/^Tehtävä suomeksi/).fill(title);
  await vacancyForm.getByLabel(/^Kuvaus/).fill("Keräily ja lastaus");
  await vacancyForm.getByLabel(/^Ammatti \(ISCO-08\)/).fill("9333");
  await vacancyForm.getByLabel(/^Kunta/).selectOption({ label: "Lahti" });
  await vacancyForm.getByLabel(/^Työpaikan osoite/).fill("Ahjokatu 4, Lahti");
  await vacancyForm.getByLabel(/^Hakuaika päättyy/).fill(inDays(30));
  await vacancyForm.getByRole("checkbox", { name: "B-luokka" }).check();
  await vacancyForm.getByLabel("Vaatimukset").fill("Trukkikortti");
  await vacancyForm.getByRole("button", { name: "Tallenna työpaikka luonnoksena" }).click();
  await expect(page).toHaveURL(/\/vacancies\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await page.getByRole("button", { name: "Muokkaa työpaikkaa" }).click();
  const vacancyEdit = page.getByRole("form", { name: "Muokkaa työpaikan tietoja" });
  await expect(vacancyEdit.getByRole("heading", { name: "Muokkaa työpaikan tietoja" })).toBeFocused();
  await expect(vacancyEdit.getByLabel("Vaatimukset")).toHaveValue("Trukkikortti");
  await vacancyEdit.getByLabel("Vaatimukset").fill("Trukkikortti ja työturvallisuuskortti");
  await vacancyEdit.getByLabel(/^Muut vaaditut luvat/).fill("trukkikortti");
  await expectAccessible(page);
  await vacancyEdit.getByRole("button", { name: "Tallenna muutokset" }).click();
  const vacancySaved = page.getByRole("status").filter({ hasText: "Työpaikan tiedot tallennettu (versio 2)" });
  await expect(vacancySaved).toBeFocused();
  await expect(vacancySaved).toContainText("tallensi Sanna Heikkinen");
  await expect(page.getByText("Trukkikortti ja työturvallisuuskortti")).toBeVisible();
  await expect(page.getByText("B-luokka, trukkikortti")).toBeVisible();
  await expectAccessible(page);

  // The vacancy board, filtered from the keyboard: the filters go to the address, and focus stays where it was.
  await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Avoimet työpaikat" }).click();
  const filters = page.getByRole("search", { name: "Avointen työpaikkojen suodattimet" });
  await filters.getByLabel("Tila").focus();
  await page.keyboard.type("Luonnos");
  await expect(filters.getByLabel("Tila")).toHaveValue("draft");
  await page.keyboard.press("Tab");
  await expect(filters.getByLabel("Kunta")).toBeFocused();
  await page.keyboard.type("Lahti");
  await expect(filters.getByLabel("Kunta")).toHaveValue("398");
  await page.keyboard.press("Tab");
  await page.keyboard.type("9333");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/vacancies\?status=draft&municipality=398&occupation=9333$/);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await expect(filters.getByLabel(/^Ammatti/)).toBeFocused();
  await expectAccessible(page);

  // A recruitment bonus decided for the employer, then marked paid after confirmation.
  await page.goto(employerPath);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(employerName);
  const supportForm = page.getByRole("form", { name: "Kirjaa tukipäätös" });
  await supportForm.getByLabel(/^Tuki/).selectOption({ label: "Rekrytointipalkkio" });
  await supportForm.getByLabel(/^Summa/).fill("1 500,00");
  await supportForm.getByRole("button", { name: "Kirjaa tukipäätös" }).click();
  await expect(supportForm.getByRole("status")).toContainText("Rekrytointipalkkio kirjattu");
  const supports = page.getByRole("region", { name: "Tuet" });
  await supports.getByRole("button", { name: /^Merkitse maksetuksi: Rekrytointipalkkio/ }).click();
  const confirm = supports.getByRole("form", { name: /^Merkitäänkö tuki maksetuksi: Rekrytointipalkkio/ });
  await expect(confirm.getByRole("heading")).toBeFocused();
  await expectAccessible(page);
  await confirm.getByRole("button", { name: "Vahvista maksetuksi" }).click();
  const paid = page.getByRole("status").filter({ hasText: "Tuki merkitty maksetuksi: Rekrytointipalkkio" });
  await expect(paid).toBeFocused();
  await expect(paid).toContainText("Merkitsijä Sanna Heikkinen");
  const table = supports.getByRole("table", { name: "Työnantajan tukipäätökset" });
  await expect(table).toContainText("Maksettu");
  await expect(table.getByRole("button", { name: /^Merkitse maksetuksi/ })).toHaveCount(0);
  await expectAccessible(page);
});
