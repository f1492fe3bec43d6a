import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Logs a demo person in through the issuer's own form (password `demo`, docs/contract.md). */
export async function login(page: Page, username = "coach"): Promise<void> {
  // Right after a logout the issuer's redirect back may still be arriving and abort this navigation: wait for it
  // to land and go again.
  await page.goto("/").catch(async () => {
    await page.waitForLoadState("load");
    await page.goto("/");
  });
  await page.getByRole("button", { name: "Kirjaudu sisään" }).click();
  await page.getByLabel("Käyttäjätunnus").fill(username);
  await page.getByLabel("Salasana").fill("demo");
  await page.getByRole("button", { name: "Kirjaudu" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

/** No serious or critical WCAG 2.1 AA violation on the page as it is now. */
export async function expectAccessible(page: Page, include?: string): Promise<void> {
  const axe = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  const results = await (include ? axe.include(include) : axe).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
}

const CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY";

/** A personal identity code with a valid check character, born in the 1990s, different on every run. */
export function randomIdentityCode(): string {
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, "0");
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, "0");
  const year = String(90 + Math.floor(Math.random() * 10));
  const individual = String(2 + Math.floor(Math.random() * 897)).padStart(3, "0");
  const digits = `${day}${month}${year}${individual}`;
  return `${day}${month}${year}-${individual}${CHECK_CHARACTERS[Number(digits) % 31]}`;
}

/** The same code with a wrong check character. */
export function withWrongCheck(code: string): string {
  const right = code.slice(-1);
  const wrong = CHECK_CHARACTERS[(CHECK_CHARACTERS.indexOf(right) + 1) % 31];
  return code.slice(0, -1) + wrong;
}

/** Opens a section of the client's workspace by its tab (the sections are tabs kept in the address). */
export async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole("navigation", { name: "Asiakkaan osiot" }).getByRole("link", { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute("aria-current", "page");
}
