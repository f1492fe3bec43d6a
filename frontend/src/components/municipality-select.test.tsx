import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../lib/i18n";
import { setMunicipalities } from "../lib/municipalities";
import { renderWithProviders } from "../testing/render";
import { MunicipalitySelect } from "./municipality-select";

function names(select: HTMLElement) {
  return within(select)
    .getAllByRole("option")
    .map((option) => option.textContent);
}

describe("MunicipalitySelect", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("offers the municipalities by name after the option for none, and tells the code chosen", async () => {
    const onChange = vi.fn((event: { target: { value: string } }) => event.target.value);
    renderWithProviders(
      <MunicipalitySelect id="municipality" label="Kotikunta" noChoice="Kaikki" value="" onChange={onChange} />,
    );
    const select = screen.getByRole("combobox", { name: "Kotikunta" });
    expect(names(select).slice(0, 3)).toEqual(["Kaikki", "Asikkala", "Hartola"]);
    expect(within(select).getByRole("option", { name: "Kaikki" })).toHaveValue("");
    await userEvent.selectOptions(select, "Lahti");
    expect(onChange).toHaveLastReturnedWith("398");
  });

  it("names and sorts them in Swedish for a Swedish reader", async () => {
    await i18n.changeLanguage("sv");
    renderWithProviders(<MunicipalitySelect id="municipality" label="Kommun" noChoice="Alla" defaultValue="398" />);
    const select = screen.getByRole("combobox", { name: "Kommun" });
    expect(names(select).slice(0, 4)).toEqual(["Alla", "Asikkala", "Gustav Adolfs", "Heinola"]);
    expect(within(select).getByRole("option", { selected: true })).toHaveTextContent("Lahtis");
  });

  it("is reached by the keyboard in its place, with its error text read with it", async () => {
    renderWithProviders(
      <>
        <label>
          Nimi <input />
        </label>
        <MunicipalitySelect id="municipality" label="Kunta" noChoice="Valitse…" required errorText="Valitse kunta." />
      </>,
    );
    screen.getByLabelText("Nimi").focus();
    await userEvent.tab();
    const select = screen.getByRole("combobox", { name: "Kunta" });
    expect(select).toHaveFocus();
    expect(select).toBeInvalid();
    expect(select).toHaveAccessibleDescription("Valitse kunta.");
  });

  it("says that the classification is on its way in its place until it has arrived", () => {
    setMunicipalities([]);
    vi.stubGlobal("fetch", () => new Promise(() => {}));
    renderWithProviders(<MunicipalitySelect id="municipality" label="Kunta" noChoice="Kaikki" />);
    expect(screen.getByRole("status")).toHaveTextContent("Ladataan kuntaluokitusta…");
    expect(screen.queryByRole("combobox")).not.toBeInTheDocument();
  });
});
