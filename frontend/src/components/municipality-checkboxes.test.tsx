import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useForm, useWatch } from "react-hook-form";
import { beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../lib/i18n";
import { renderWithProviders } from "../testing/render";
import { MunicipalityCheckboxes } from "./municipality-checkboxes";

function Form({ onSubmit }: { onSubmit: (values: { municipalities: string[] }) => void }) {
  const { register, control, handleSubmit } = useForm<{ municipalities: string[] }>({
    defaultValues: { municipalities: [] },
  });
  const selected = useWatch({ control, name: "municipalities" });
  return (
    <form onSubmit={(event) => void handleSubmit(onSubmit)(event)}>
      <fieldset>
        <legend>Kunnat</legend>
        <MunicipalityCheckboxes registration={register("municipalities")} selected={selected} />
      </fieldset>
      <button type="submit">Tallenna</button>
    </form>
  );
}

describe("MunicipalityCheckboxes", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });

  it("narrows the boxes by name and keeps a choice the filter hides", async () => {
    const onSubmit = vi.fn<(values: { municipalities: string[] }) => void>();
    renderWithProviders(<Form onSubmit={onSubmit} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole("checkbox", { name: "Lahti" }));
    expect(screen.getByText("Valittu 1 kunta")).toBeInTheDocument();

    await user.type(screen.getByLabelText("Rajaa kuntia nimellä"), "hel");
    expect(screen.getByRole("checkbox", { name: "Helsinki" })).toBeVisible();
    expect(screen.queryByRole("checkbox", { name: "Mikkeli" })).not.toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "Lahti" })).toBeChecked(); // chosen before: still shown

    await user.click(screen.getByRole("checkbox", { name: "Helsinki" }));
    await user.clear(screen.getByLabelText("Rajaa kuntia nimellä"));
    await user.type(screen.getByLabelText("Rajaa kuntia nimellä"), "xyz");
    expect(screen.getByText("Yksikään kunta ei vastaa rajausta.")).toBeInTheDocument();
    expect(screen.getByText("Valittu 2 kuntaa")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Tallenna" }));
    expect([...onSubmit.mock.calls[0][0].municipalities].sort()).toEqual(["091", "398"]);
  });

  it("lists the Swedish names in Swedish order", async () => {
    await i18n.changeLanguage("sv");
    renderWithProviders(<Form onSubmit={vi.fn()} />);
    const names = screen.getAllByRole("checkbox").map((box) => box.parentElement?.textContent);
    expect(names.slice(0, 3)).toEqual(["Asikkala", "Gustav Adolfs", "Heinola"]);
  });
});
