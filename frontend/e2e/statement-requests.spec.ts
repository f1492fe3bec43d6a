import { randomUUID } from "node:crypto";

import { expect, test } from "@playwright/test";

import { finnishDate, isoDay, sendPlatformEvent } from "./platform";
import { expectAccessible, login, randomIdentityCode } from "./support";

test("a statement request from the platform is on the coach's home and the client's page, and is declined", async ({
  page,
  request,
}) => {
  await login(page);
  await page.goto("/clients/new");
  const code = randomIdentityCode();
  await page.getByLabel("Henkilötunnus").fill(code);
  await page.getByLabel("Etunimet").fill("Lauri");
  await page.getByLabel("Sukunimi").fill("Lausunto");
  await page.getByLabel("Kotikunta").selectOption({ label: "Lahti" });
  await page.getByRole("button", { name: "Rekisteröi" }).click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);

  // Kela asks for a statement about the coach's new client through the national system.
  const eventId = randomUUID();
  await sendPlatformEvent(request, {
    specversion: "1.0",
    id: eventId,
    source: "https://tyomarkkinatori.fi",
    type: "fi.tyomarkkinatori.statement.requested.v1",
    subject: `job-seekers/e2e-${eventId}`,
    time: new Date().toISOString(),
    data: {
      personal_identity_code: code,
      request_id: `E2E-${eventId.slice(0, 8)}`,
      requested_on: isoDay(0),
      requester: "Kela",
    },
  });

  // On the coach's home, on the client's row: to be answered without delay.
  const needs = page.getByRole("region", { name: "Asiakkaat, jotka tarvitsevat jotain tänään" });
  const row = needs.getByRole("row").filter({ has: page.getByRole("link", { name: "Lausunto, Lauri" }) });
  const asked = row.getByRole("link", { name: `Lausuntopyyntö (Kela), pyydetty ${finnishDate(isoDay(0))}` });
  await expect(async () => {
    await page.goto("/");
    await expect(asked).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText("vastattava viipymättä, odottanut 0 päivää");
  await expectAccessible(page);

  // The link opens the request on the client's statements tab.
  await asked.click();
  const requests = page.getByRole("region", { name: "Lausuntopyynnöt kansallisesta järjestelmästä" });
  await expect(requests.getByRole("button", { name: "Sulje pyyntö" })).toHaveAttribute("aria-expanded", "true");
  await expect(requests).toContainText(`viipymättä, ${finnishDate(isoDay(0))} alkaen`);
  await expect(requests.getByRole("button", { name: "Laadi lausunto tästä pyynnöstä" })).toBeVisible();
  await expectAccessible(page);

  // Declined with a reason, naming who declined; the request leaves the home list.
  await requests.getByRole("button", { name: "Kieltäydy antamasta lausuntoa" }).click();
  const decline = requests.getByRole("form", { name: "Kieltäydy antamasta lausuntoa" });
  await expect(decline.getByRole("heading", { name: "Kieltäydy antamasta lausuntoa" })).toBeFocused();
  await decline.getByLabel("Perustelu").fill("Asiakkaan työnhaku alkoi vasta tänään; kysyttyä ajanjaksoa ei ole.");
  await decline.getByRole("button", { name: "Kieltäydy antamasta lausuntoa" }).click();
  await expect(requests.getByRole("status")).toHaveText(
    "Aino Virtanen kieltäytyi antamasta lausuntoa pyyntöön (Kela).",
  );
  // Declined, the form closes and focus goes to the request, which says so.
  await expect(decline).toBeHidden();
  await expect(requests.getByRole("heading", { level: 3 })).toContainText("Kieltäydytty");
  await expect(requests.getByRole("heading", { level: 3 })).toBeFocused();
  await expectAccessible(page);
  await page.goto("/");
  await expect(needs).toBeVisible();
  await expect(asked).toHaveCount(0);
});
