import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes, useLocation } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { employer, EMPLOYER_ID, EMPLOYER_SERVICES, withStaff } from "../../../testing/employers";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { EmployersPage } from "./employers-page";

function Address() {
  const location = useLocation();
  return <p data-testid="address">{location.pathname + location.search}</p>;
}

const SANNA = { subject: EMPLOYER_SERVICES, name: "Sanna Heikkinen", roles: ["employer_services"] };

function renderPage(route = "/employers", me?: typeof SANNA) {
  return renderWithProviders(
    <Routes>
      <Route
        path="/employers"
        element={
          <>
            <EmployersPage me={me} />
            <Address />
          </>
        }
      />
      <Route path="/employers/:employerId" element={<p>employer page</p>} />
    </Routes>,
    { route },
  );
}

describe("EmployersPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lists the employers the search in the address finds, and keeps a new search in the address", async () => {
    const calls = fakeApi(
      withStaff((call) =>
        call.method === "GET" && call.path.startsWith("/api/employer/v1/employers")
          ? {
              status: 200,
              body: {
                items: [
                  employer({
                    changed_by: "es-2",
                    changed_by_name: "Ville Virtanen",
                    changed_by_organisation_name: null,
                  }),
                ],
                next_cursor: null,
              },
            }
          : undefined,
      ),
    );
    renderPage("/employers?industry=C");
    const table = await screen.findByRole("table", { name: "1 työnantaja" });
    expect(within(table).getByRole("link", { name: "Lahden Konepaja Oy" })).toHaveAttribute(
      "href",
      `/employers/${EMPLOYER_ID}`,
    );
    expect(within(table).getByText("C Teollisuus")).toBeInTheDocument();
    expect(within(table).getByText("Lahti")).toBeInTheDocument();
    // Who registered each employer and who last changed it, by the names recorded.
    expect(within(table).getByText(/^Eija Työnantajapalvelu/)).toHaveTextContent(
      "Eija Työnantajapalvelu muutti Ville Virtanen",
    );
    expect(calls[0].path).toBe("/api/employer/v1/employers?industry=C&limit=50");
    expect(screen.getByLabelText("Toimiala")).toHaveValue("C");

    const search = screen.getByRole("search", { name: "Hae työnantajia" });
    await userEvent.type(within(search).getByLabelText("Nimi sisältää"), "Konepaja");
    await userEvent.click(within(search).getByRole("button", { name: "Hae" }));
    expect(await screen.findByTestId("address")).toHaveTextContent("/employers?name=Konepaja&industry=C");
    expect(within(search).getByRole("button", { name: "Hae" })).toHaveFocus();
    expect(calls.at(-1)?.path).toBe("/api/employer/v1/employers?name=Konepaja&industry=C&limit=50");
  });

  it("says when no employer matches", async () => {
    fakeApi(withStaff(() => ({ status: 200, body: { items: [], next_cursor: null } })));
    renderPage();
    expect(await screen.findByText("Hakua vastaavia työnantajia ei löytynyt.")).toBeInTheDocument();
  });

  it("registers an employer with its size class, contact people and account manager, and opens its page", async () => {
    const calls = fakeApi(
      withStaff((call) => {
        if (call.method === "POST") return { status: 201, body: employer() };
        return { status: 200, body: { items: [], next_cursor: null } };
      }),
    );
    renderPage("/employers", SANNA);
    const form = screen.getByRole("form", { name: "Rekisteröi työnantaja" });
    await userEvent.type(within(form).getByLabelText(/^Y-tunnus/), " 0246246-0 ");
    await userEvent.type(within(form).getByLabelText(/^Nimi/), "Lahden Konepaja Oy");
    await userEvent.type(within(form).getByLabelText(/^Toimialakoodi/), "25620");
    await userEvent.selectOptions(within(form).getByLabelText("Kokoluokka"), "small");
    await userEvent.click(within(form).getByRole("checkbox", { name: "Lahti" }));
    await userEvent.click(within(form).getByRole("checkbox", { name: "Suostuu yhteydenottoihin" }));
    // The signed-in worker looks after the employer unless another is chosen.
    expect(within(form).getByLabelText("Vastuuhenkilö")).toHaveDisplayValue("Sanna Heikkinen (sinä)");

    // Two contact people added, the first removed again: the second is sent.
    await userEvent.click(within(form).getByRole("button", { name: "Lisää yhteyshenkilö" }));
    const first = within(form).getByRole("group", { name: "Yhteyshenkilö 1" });
    expect(within(first).getByLabelText(/^Nimi/)).toHaveFocus();
    await userEvent.type(within(first).getByLabelText(/^Nimi/), "Väliaikainen");
    await userEvent.click(within(form).getByRole("button", { name: "Lisää yhteyshenkilö" }));
    const second = within(form).getByRole("group", { name: "Yhteyshenkilö 2" });
    await userEvent.type(within(second).getByLabelText(/^Nimi/), "Riikka Rekrytoija");
    await userEvent.type(within(second).getByLabelText("Rooli työnantajalla"), "HR-päällikkö");
    await userEvent.type(within(second).getByLabelText("Puhelin"), "+358 40 123 4567");
    await userEvent.type(within(second).getByLabelText("Sähköposti"), "riikka@konepaja.fi");
    await userEvent.click(within(first).getByRole("button", { name: /^Poista yhteyshenkilö 1/ }));
    expect(within(form).getAllByRole("group", { name: /^Yhteyshenkilö \d/ })).toHaveLength(1);

    await userEvent.click(within(form).getByRole("button", { name: "Rekisteröi työnantaja" }));
    expect(await screen.findByText("employer page")).toBeInTheDocument();
    const post = calls.find((call) => call.method === "POST");
    expect(post?.path).toBe("/api/employer/v1/employers");
    expect(post?.headers.get("Idempotency-Key")).toBeTruthy();
    expect(post?.body).toEqual({
      business_id: "0246246-0",
      name: "Lahden Konepaja Oy",
      industry_code: "25620",
      size_class: "small",
      municipalities: ["398"],
      contact_people: [
        { name: "Riikka Rekrytoija", role: "HR-päällikkö", phone: "+358 40 123 4567", email: "riikka@konepaja.fi" },
      ],
      account_manager_subject: EMPLOYER_SERVICES,
      consents_to_contact: true,
      network_member: false,
    });
  });

  it("narrows the register form's municipalities by name, keeping a choice the filter hides", async () => {
    const calls = fakeApi(
      withStaff((call) =>
        call.method === "POST"
          ? { status: 201, body: employer() }
          : { status: 200, body: { items: [], next_cursor: null } },
      ),
    );
    renderPage("/employers", SANNA);
    const form = screen.getByRole("form", { name: "Rekisteröi työnantaja" });
    const places = within(form).getByRole("group", { name: "Toimipaikkakunnat" });
    expect(within(places).getByRole("checkbox", { name: "Heinola" })).toBeVisible();
    await userEvent.click(within(places).getByRole("checkbox", { name: "Lahti" }));
    await userEvent.type(within(places).getByLabelText("Rajaa kuntia nimellä"), "holl");
    expect(within(places).getByRole("checkbox", { name: "Hollola" })).toBeVisible();
    expect(within(places).queryByRole("checkbox", { name: "Heinola" })).not.toBeInTheDocument();
    expect(within(places).getByRole("checkbox", { name: "Lahti" })).toBeChecked();
    await userEvent.click(within(places).getByRole("checkbox", { name: "Hollola" }));
    expect(within(places).getByText("Valittu 2 kuntaa")).toBeInTheDocument();
    // The colleagues are offered after the signed-in worker.
    expect(
      within(within(form).getByLabelText("Vastuuhenkilö"))
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["Ei nimetty", "Sanna Heikkinen (sinä)", "Aino Aalto", "Örjan Öhman"]);

    await userEvent.type(within(form).getByLabelText(/^Y-tunnus/), "0246246-0");
    await userEvent.type(within(form).getByLabelText(/^Nimi/), "Hollolan Konepaja Oy");
    await userEvent.type(within(form).getByLabelText(/^Toimialakoodi/), "25620");
    await userEvent.click(within(form).getByRole("button", { name: "Rekisteröi työnantaja" }));
    expect(await screen.findByText("employer page")).toBeInTheDocument();
    expect(calls.find((call) => call.method === "POST")?.body).toMatchObject({ municipalities: ["098", "398"] });
  });

  it("refuses a contact person without a name or with a malformed e-mail, next to the field", async () => {
    const calls = fakeApi(withStaff(() => ({ status: 200, body: { items: [], next_cursor: null } })));
    renderPage("/employers", SANNA);
    const form = screen.getByRole("form", { name: "Rekisteröi työnantaja" });
    await userEvent.type(within(form).getByLabelText(/^Y-tunnus/), "0246246-0");
    await userEvent.type(within(form).getByLabelText(/^Nimi/), "Lahden Konepaja Oy");
    await userEvent.type(within(form).getByLabelText(/^Toimialakoodi/), "25620");
    await userEvent.click(within(form).getByRole("button", { name: "Lisää yhteyshenkilö" }));
    const person = within(form).getByRole("group", { name: "Yhteyshenkilö 1" });
    await userEvent.type(within(person).getByLabelText("Sähköposti"), "riikka.konepaja.fi");
    await userEvent.click(within(form).getByRole("button", { name: "Rekisteröi työnantaja" }));
    expect(await within(person).findByLabelText(/^Nimi/)).toHaveAccessibleDescription(
      expect.stringContaining("Pakollinen tieto"),
    );
    expect(within(person).getByLabelText("Sähköposti")).toHaveAccessibleDescription(
      expect.stringContaining("Anna sähköpostiosoite muodossa nimi@esimerkki.fi"),
    );
    expect(calls.filter((call) => call.method === "POST")).toEqual([]);
  });

  it("shows the service's refusal of a contact person's field beside the contact people", async () => {
    fakeApi(
      withStaff((call) =>
        call.method === "POST"
          ? {
              status: 422,
              body: {
                type: "https://polku.fi/problems/validation-error",
                title: "Invalid request",
                status: 422,
                errors: [{ field: "body.contact_people.0.email", message: "not an e-mail", code: "value_error" }],
              },
            }
          : { status: 200, body: { items: [], next_cursor: null } },
      ),
    );
    renderPage("/employers", SANNA);
    const form = screen.getByRole("form", { name: "Rekisteröi työnantaja" });
    await userEvent.type(within(form).getByLabelText(/^Y-tunnus/), "0246246-0");
    await userEvent.type(within(form).getByLabelText(/^Nimi/), "Lahden Konepaja Oy");
    await userEvent.type(within(form).getByLabelText(/^Toimialakoodi/), "25620");
    await userEvent.click(within(form).getByRole("button", { name: "Lisää yhteyshenkilö" }));
    const person = within(form).getByRole("group", { name: "Yhteyshenkilö 1" });
    await userEvent.type(within(person).getByLabelText(/^Nimi/), "Riikka");
    await userEvent.type(within(person).getByLabelText("Sähköposti"), "riikka@konepaja.fi");
    await userEvent.click(within(form).getByRole("button", { name: "Rekisteröi työnantaja" }));
    const summary = await within(form).findByRole("alert");
    expect(within(summary).getByRole("link", { name: "Tarkista tieto" })).toHaveAttribute("href", "#contact_people");
    expect(within(form).getByRole("group", { name: "Yhteyshenkilöt" })).toHaveAccessibleDescription("Tarkista tieto");
  });

  it("asks for the required fields before sending anything", async () => {
    const calls = fakeApi(withStaff(() => ({ status: 200, body: { items: [], next_cursor: null } })));
    renderPage();
    const form = screen.getByRole("form", { name: "Rekisteröi työnantaja" });
    await userEvent.click(within(form).getByRole("button", { name: "Rekisteröi työnantaja" }));
    expect(await within(form).findByLabelText(/^Y-tunnus/)).toHaveAccessibleDescription(
      expect.stringContaining("Pakollinen tieto"),
    );
    expect(within(form).getByLabelText(/^Toimialakoodi/)).toHaveAccessibleDescription(
      expect.stringContaining("Pakollinen tieto"),
    );
    expect(calls.filter((call) => call.method === "POST")).toEqual([]);
  });

  it("shows the service's field errors next to their fields and in the summary", async () => {
    fakeApi(
      withStaff((call) =>
        call.method === "POST"
          ? {
              status: 422,
              body: {
                type: "https://polku.fi/problems/validation-error",
                title: "Invalid request",
                status: 422,
                errors: [{ field: "body.business_id", message: "Not a valid business id", code: "value_error" }],
              },
            }
          : { status: 200, body: { items: [], next_cursor: null } },
      ),
    );
    renderPage();
    const form = screen.getByRole("form", { name: "Rekisteröi työnantaja" });
    await userEvent.type(within(form).getByLabelText(/^Y-tunnus/), "0246246-1");
    await userEvent.type(within(form).getByLabelText(/^Nimi/), "Lahden Konepaja Oy");
    await userEvent.type(within(form).getByLabelText(/^Toimialakoodi/), "25620");
    await userEvent.click(within(form).getByRole("button", { name: "Rekisteröi työnantaja" }));
    const summary = await within(form).findByRole("alert");
    expect(within(summary).getByText("Tarkista lomakkeen tiedot")).toBeInTheDocument();
    expect(within(summary).getByRole("link", { name: "Tarkista tieto" })).toHaveAttribute("href", "#business_id");
    expect(within(form).getByLabelText(/^Y-tunnus/)).toHaveAttribute("aria-invalid", "true");
  });

  it("names the employer already registered with the Y-tunnus and links to it", async () => {
    const existing = "9e9e9e9e-0000-4000-8000-000000000009";
    fakeApi(
      withStaff((call) =>
        call.method === "POST"
          ? {
              status: 409,
              body: {
                type: "https://polku.fi/problems/employer-already-registered",
                title: "Employer already registered",
                status: 409,
                existing: `/v1/employers/${existing}`,
                existing_name: "Lahden Konepaja Oy",
              },
            }
          : { status: 200, body: { items: [], next_cursor: null } },
      ),
    );
    renderPage();
    const form = screen.getByRole("form", { name: "Rekisteröi työnantaja" });
    await userEvent.type(within(form).getByLabelText(/^Y-tunnus/), "0246246-0");
    await userEvent.type(within(form).getByLabelText(/^Nimi/), "Konepaja");
    await userEvent.type(within(form).getByLabelText(/^Toimialakoodi/), "25620");
    await userEvent.click(within(form).getByRole("button", { name: "Rekisteröi työnantaja" }));
    const summary = await within(form).findByRole("alert");
    expect(within(summary).getByText("Työnantaja on jo rekisterissä")).toBeInTheDocument();
    expect(
      within(summary).getByRole("link", { name: "Avaa rekisteröity työnantaja: Lahden Konepaja Oy" }),
    ).toHaveAttribute("href", `/employers/${existing}`);
  });
});
