import { expect, type Page, test } from "@playwright/test";

import { expectAccessible, login, openTab, randomIdentityCode } from "./support";

/** Every failed API request and every console error while the page is used. */
function watch(page: Page): string[] {
  const errors: string[] = [];
  page.on("response", (response) => {
    if (response.url().includes("/api/") && response.status() >= 400)
      errors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
  });
  // Chromium reports a refused request as "the server responded with a status of 422 (...)" at its URL.
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/** The day and the time a minute before midnight in Helsinki today, as the form takes them (``3.12.2026``, ``23.58``). */
function laterToday(): { day: string; time: string } {
  const [year, month, day] = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" })
    .format(new Date())
    .split("-")
    .map(Number);
  return { day: `${day}.${month}.${year}`, time: "23.58" };
}

test("a coach's home by client, the client's workspace in tabs, and a meeting booked and recorded as held", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = watch(page);
  await login(page);

  // The home: clients who need something today, the day's meetings, what arrived since the last visit.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Omat asiakkaat");
  const today = page.getByRole("region", { name: "Asiakkaat, jotka tarvitsevat jotain tänään" });
  await expect(today.getByRole("table")).toBeVisible();
  const rows = today.getByRole("row");
  const names = await today.locator("tbody th").allTextContents();
  expect(new Set(names).size).toBe(names.length); // one row per client
  expect(await rows.count()).toBeGreaterThan(1);
  await expect(page.getByRole("region", { name: "Tapaamiset tänään ja huomenna" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Uutta edellisen käyntisi jälkeen" })).toBeVisible();
  await expectAccessible(page);

  // A fresh client: the workspace opens on the schedule, its summary names what is due next.
  await page.goto("/clients/new");
  const lastName = `Tapaaja${Date.now() % 100000}`;
  await page.getByLabel("Henkilötunnus").fill(randomIdentityCode());
  await page.getByLabel("Etunimet").fill("Tiina");
  await page.getByLabel("Sukunimi").fill(lastName);
  await page.getByLabel("Kotikunta").selectOption({ label: "Lahti" });
  await page.getByRole("button", { name: "Rekisteröi" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Tiina ${lastName}`);
  const summary = page.getByRole("region", { name: "Yhteenveto" });
  await expect(summary.getByRole("link", { name: /^Alkuhaastattelu/ })).toBeVisible();
  await expect(summary).toContainText("Ei varattua tapaamista");

  // The plan tab is in the address; the back button returns to the schedule.
  await openTab(page, "Suunnitelma");
  await expect(page).toHaveURL(/\?tab=plan$/);
  await expect(page.getByRole("heading", { level: 2, name: "Suunnitelma" })).toBeFocused();

  // The plan's content comes first; its form opens on request, by keyboard: focus to the form's heading, Escape or
  // Cancel closes it and gives focus back to the button, which says whether the form is open and where it is.
  const plan = page.getByRole("region", { name: "Suunnitelma" });
  const create = plan.getByRole("button", { name: "Laadi suunnitelma" });
  const editor = plan.getByRole("form", { name: "Uusi suunnitelma" });
  await expect(plan).toContainText("Asiakkaalla ei ole vielä suunnitelmaa.");
  await expect(editor).toHaveCount(0);
  await expect(create).toHaveAttribute("aria-expanded", "false");
  await create.focus();
  await page.keyboard.press("Enter");
  await expect(editor.getByRole("heading", { name: "Uusi suunnitelma" })).toBeFocused();
  await expect(create).toHaveAttribute("aria-expanded", "true");
  const region = `#${await create.getAttribute("aria-controls")}`;
  await expect(page.locator(region).getByRole("form", { name: "Uusi suunnitelma" })).toBeVisible();
  await expectAccessible(page, region);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Escape");
  await expect(editor).toHaveCount(0);
  await expect(create).toBeFocused();
  await expect(create).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("Enter");
  await expect(editor.getByRole("heading", { name: "Uusi suunnitelma" })).toBeFocused();
  await editor.getByRole("button", { name: "Peruuta" }).focus();
  await page.keyboard.press("Enter");
  await expect(editor).toHaveCount(0);
  await expect(create).toBeFocused();
  await page.goBack();
  await expect(page.getByRole("heading", { level: 2, name: "Lakisääteiset määräajat" })).toBeVisible();

  // Book the initial interview: a day outside its window is refused with the window named.
  await openTab(page, "Tapaamiset");
  const meetings = page.getByRole("region", { name: "Tapaamiset" });
  await meetings.getByRole("button", { name: "Varaa tapaaminen" }).click();
  await expect(meetings.getByRole("heading", { name: "Varaa seuraava tapaaminen" })).toBeFocused();
  const { day, time } = laterToday();
  await meetings.getByLabel(/^Päivä/).fill("1.1.2099");
  await meetings.getByLabel(/^Kellonaika/).fill(time);
  await meetings.getByLabel(/^Asiointitapa/).selectOption({ label: "Videoyhteys" });
  await meetings.getByLabel(/^Paikka tai videolinkki/).fill("https://meet.example/polku");
  await meetings.getByRole("button", { name: "Varaa", exact: true }).click();
  await expect(meetings.getByRole("alert").first()).toContainText("ei ole määräajan ikkunassa");
  await expectAccessible(page);

  await meetings.getByLabel(/^Päivä/).fill(day);
  await meetings.getByRole("button", { name: "Varaa", exact: true }).click();
  const booked = meetings.getByRole("listitem").filter({ hasText: "Varattu" });
  await expect(booked).toBeFocused();
  await expect(booked).toContainText("Varannut Aino Virtanen");
  await expect(summary).toContainText(`${day} klo 23.58`);

  // Recorded as held, it meets the initial interview.
  await booked.getByRole("button", { name: "Kirjaa pidetyksi" }).click();
  await expect(meetings.getByRole("listitem").filter({ hasText: "Pidetty" })).toContainText("Kirjannut Aino Virtanen");
  await openTab(page, "Lakisääteiset määräajat");
  const schedule = page.getByRole("region", { name: "Lakisääteiset määräajat" });
  await expect(schedule.getByRole("row", { name: /Alkuhaastattelu/ })).toContainText("Pidetty ajallaan");
  await expectAccessible(page);

  // The meeting is on the coach's home for today.
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Tapaamiset tänään ja huomenna" })).toContainText(lastName);
  // The one refusal the test asked for (a day outside the window) is the only request error.
  const refusal = /422.*\/meetings\b/;
  expect(errors.filter((error) => !refusal.test(error))).toEqual([]);
});
