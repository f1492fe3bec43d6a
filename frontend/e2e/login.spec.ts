import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test("a coach logs in through the gateway, sees their name, and switches to Swedish", async ({ page }) => {
  // The languages' texts the page fetches (each is its own chunk): only the reader's.
  const languages = new Set<string>();
  page.on("request", (request) => {
    const chunk = /\/assets\/(fi|sv|en)-[\w-]{8}\.js$/.exec(new URL(request.url()).pathname);
    if (chunk) languages.add(chunk[1]);
  });
  await page.goto("/");
  await page.getByRole("button", { name: "Kirjaudu sisään" }).click();

  // The issuer's own login form, behind the same gateway.
  await expect(page).toHaveURL(/\/auth\/authorize/);
  await page.getByLabel("Käyttäjätunnus").fill("coach");
  await page.getByLabel("Salasana").fill("demo");
  await page.getByRole("button", { name: "Kirjaudu" }).click();

  // A coach's home is their caseload.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Omat asiakkaat");
  await expect(page.getByText("Tervetuloa, Aino Virtanen")).toBeVisible();
  await expect(page.getByTestId("signed-in-user")).toContainText("Lahden seudun työllisyysalue");
  await expect(page.getByText("Asiakaspalvelu: toiminnassa")).toBeVisible();
  expect([...languages]).toEqual(["fi"]);

  await page.getByRole("button", { name: "På svenska" }).click();
  const navigation = page.getByRole("navigation", { name: "Huvudmeny" });
  await expect(navigation.getByRole("link", { name: "Klienter" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");

  await navigation.getByRole("link", { name: "Remisser" }).click();
  await expect(page).toHaveURL(/\/referrals$/);
  expect([...languages]).toEqual(["fi", "sv"]);
  languages.clear();
  await page.reload(); // history fallback at the gateway, and the session survives a reload
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Remisser");
  // Reloaded, the page fetches the Swedish chosen before, and no Finnish.
  expect([...languages]).toEqual(["sv"]);

  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
});

test("a wrong password keeps the visitor on the login form with an error", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Kirjaudu sisään" }).click();
  await page.getByLabel("Käyttäjätunnus").fill("coach");
  await page.getByLabel("Salasana").fill("wrong");
  await page.getByRole("button", { name: "Kirjaudu" }).click();
  await expect(page.getByRole("alert")).toHaveText("Väärä käyttäjätunnus tai salasana.");
});
