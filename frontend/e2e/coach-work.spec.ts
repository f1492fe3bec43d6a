import { expect, test } from "@playwright/test";

import { expectAccessible, login, openTab } from "./support";

test("a coach sees the client's job-search periods and assignment history and waives a deadline with a reason", async ({
  page,
}) => {
  await login(page);
  await page.getByRole("region", { name: "Asiakkaani" }).getByRole("link", { name: "Koskinen, Anna" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anna Koskinen");

  await openTab(page, "Työnhakujaksot");
  const periods = page.getByRole("region", { name: "Työnhakujaksot" });
  await expect(periods.getByRole("listitem").first()).toContainText("käynnissä");
  // The form to end the period opens on request.
  const end = periods.getByRole("button", { name: "Päätä työnhakujakso" });
  await expect(end).toHaveAttribute("aria-expanded", "false");
  await end.click();
  await expect(periods.getByRole("button", { name: "Päätä jakso" })).toBeVisible();
  await periods.getByRole("button", { name: "Peruuta" }).click();
  await expect(end).toBeFocused();

  await openTab(page, "Muutokset aikatauluun");
  const changes = page.getByRole("region", { name: "Muutokset aikatauluun" });
  await changes.getByRole("button", { name: "Valitse poistettava määräaika" }).click();
  const deadline = changes.getByRole("combobox", { name: /^Määräaika/ });
  await expect(deadline.locator("option").nth(1)).toBeAttached();
  await deadline.selectOption({ index: 1 });
  await changes.getByRole("textbox", { name: /^Poistamisen perustelu/ }).fill("Aloitti kokoaikatyössä");
  await changes.getByRole("button", { name: "Poista määräaika" }).click();
  const result = changes.getByText(/poistettu, poistaja Aino Virtanen\./);
  await expect(result).toBeFocused();
  await expect(changes.getByRole("list", { name: "Poistetut määräajat" })).toContainText("Aloitti kokoaikatyössä");

  await openTab(page, "Valmentaja ja tiimi");
  const assignment = page.getByRole("region", { name: "Valmentaja ja tiimi" });
  await expect(assignment.getByText("Nykyinen valmentaja: Aino Virtanen")).toBeVisible();
  await expect(assignment.getByRole("heading", { name: "Osoitushistoria" })).toBeVisible();
  await expectAccessible(page);
});
