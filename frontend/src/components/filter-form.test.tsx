import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TextInput } from "hds-react";
import { useLocation, useNavigate } from "react-router";
import { describe, expect, it } from "vitest";

import { renderWithProviders } from "../testing/render";
import { ChoiceSelect } from "./choice-select";
import { FilterForm } from "./filter-form";
import { useFilterDraft } from "./use-filter-draft";

const KINDS = ["course", "coaching"] as const;
const KIND_NAMES = { course: "Kurssi", coaching: "Valmennus" };

/** A search page's filters, and the address bar (what the browser's history keeps) with its back button. */
function Page({ labelledBy }: { labelledBy?: boolean }) {
  const filters = useFilterDraft(["q", "kind"]);
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <h2 id="filters-title">Palveluhaku</h2>
      <FilterForm
        label={labelledBy ? undefined : "Rajaa palveluita"}
        labelledBy={labelledBy ? "filters-title" : undefined}
        submitLabel="Hae"
        onFilter={filters.apply}
      >
        <TextInput id="q" label="Hakusana" {...filters.field("q")} />
        <ChoiceSelect
          id="kind"
          label="Laji"
          noChoice="Kaikki"
          choices={KINDS}
          choiceLabel={(kind) => KIND_NAMES[kind]}
          {...filters.field("kind")}
        />
      </FilterForm>
      <code data-testid="address">{location.search}</code>
      <button type="button" onClick={() => void navigate(-1)}>
        back
      </button>
    </>
  );
}

describe("FilterForm with useFilterDraft", () => {
  it("is a search landmark with its label, and shows the filters the address names", () => {
    renderWithProviders(<Page />, { route: "/?kind=coaching&q=puhe" });
    const form = screen.getByRole("search", { name: "Rajaa palveluita" });
    expect(form).toHaveClass("form", "form--inline");
    expect(screen.getByLabelText("Hakusana")).toHaveValue("puhe");
    expect(screen.getByLabelText("Laji")).toHaveValue("coaching");
  });

  it("may be named by its heading instead", () => {
    renderWithProviders(<Page labelledBy />);
    expect(screen.getByRole("search", { name: "Palveluhaku" })).toBeInTheDocument();
  });

  it("puts the filled-in filters in the address, trimmed, in their order, and keeps focus on the button", async () => {
    renderWithProviders(<Page />, { route: "/?kind=course" });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Hakusana"), "  puhe ");
    await user.click(screen.getByRole("button", { name: "Hae" }));
    expect(screen.getByTestId("address")).toHaveTextContent(/^\?q=puhe&kind=course$/);
    expect(screen.getByLabelText("Hakusana")).toHaveValue("puhe"); // what the results were searched with
    expect(screen.getByRole("button", { name: "Hae" })).toHaveFocus();

    await user.clear(screen.getByLabelText("Hakusana"));
    await user.selectOptions(screen.getByLabelText("Laji"), "Kaikki");
    await user.click(screen.getByRole("button", { name: "Hae" }));
    expect(screen.getByTestId("address")).toBeEmptyDOMElement();
  });

  it("applies from the keyboard: Enter in a field, Tab to the button and Space", async () => {
    renderWithProviders(<Page />);
    const user = userEvent.setup();
    await user.click(screen.getByLabelText("Hakusana"));
    await user.keyboard("kieli{Enter}");
    expect(screen.getByTestId("address")).toHaveTextContent(/^\?q=kieli$/);
    expect(screen.getByLabelText("Hakusana")).toHaveFocus();

    await user.tab();
    expect(screen.getByLabelText("Laji")).toHaveFocus();
    await user.selectOptions(screen.getByLabelText("Laji"), "Kurssi");
    await user.tab();
    expect(screen.getByRole("button", { name: "Hae" })).toHaveFocus();
    await user.keyboard(" ");
    expect(screen.getByTestId("address")).toHaveTextContent(/^\?q=kieli&kind=course$/);
  });

  it("shows the filters of the results on screen again after back, dropping what was typed and not applied", async () => {
    renderWithProviders(<Page />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Hakusana"), "puhe");
    await user.click(screen.getByRole("button", { name: "Hae" }));
    await user.clear(screen.getByLabelText("Hakusana"));
    await user.type(screen.getByLabelText("Hakusana"), "kieli");
    await user.click(screen.getByRole("button", { name: "Hae" }));
    await user.type(screen.getByLabelText("Hakusana"), " ja muuta");

    await user.click(screen.getByRole("button", { name: "back" }));
    expect(screen.getByTestId("address")).toHaveTextContent(/^\?q=puhe$/);
    expect(screen.getByLabelText("Hakusana")).toHaveValue("puhe");
  });
});
