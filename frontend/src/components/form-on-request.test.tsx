import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";

import i18n from "../lib/i18n";
import {
  FormOnRequestForm,
  FormOnRequestRegion,
  useFormOnRequest,
  useFormOnRequestWithResult,
} from "./form-on-request";
import { SavedResult } from "./saved-result";

/** A list with a form to add to it, the entry appearing a moment after saving (as a list fetched again does). */
function Notes({ late = false }: { late?: boolean }) {
  const [notes, setNotes] = useState<string[]>([]);
  const form = useFormOnRequest("add-note");
  return (
    <section>
      <ul aria-label="Notes">
        {notes.map((note, index) => (
          <li key={note} id={`note-${index}`}>
            {note}
          </li>
        ))}
      </ul>
      <FormOnRequestRegion form={form} label="Add a note">
        <form aria-labelledby="add-note-title">
          <h3 id="add-note-title">New note</h3>
          <label>
            Text <input name="text" />
          </label>
          <select aria-label="Kind">
            <option>one</option>
          </select>
          <button
            type="button"
            onClick={() => {
              const id = `note-${notes.length}`;
              const add = () => setNotes((old) => [...old, `Note ${old.length + 1}`]);
              if (late) window.setTimeout(add, 1000);
              else add();
              form.saved(id);
            }}
          >
            Save
          </button>
          <button type="button" onClick={form.cancel}>
            Cancel
          </button>
        </form>
      </FormOnRequestRegion>
    </section>
  );
}

describe("a form opened on request", () => {
  it("is closed at first, its button saying so and naming the region it controls", () => {
    render(<Notes />);
    const button = screen.getByRole("button", { name: "Add a note" });
    expect(button).toHaveAttribute("aria-expanded", "false");
    expect(button).toHaveAttribute("aria-controls", "add-note");
    expect(document.getElementById("add-note")).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "New note" })).not.toBeInTheDocument();
  });

  it("opens with focus on its heading, and Cancel gives focus back to the button", async () => {
    const user = userEvent.setup();
    render(<Notes />);
    const button = screen.getByRole("button", { name: "Add a note" });
    await user.click(button);
    expect(button).toHaveAttribute("aria-expanded", "true");
    const form = screen.getByRole("form", { name: "New note" });
    expect(document.getElementById("add-note")).toContainElement(form);
    await waitFor(() => expect(screen.getByRole("heading", { name: "New note" })).toHaveFocus());
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("form", { name: "New note" })).not.toBeInTheDocument();
    expect(button).toHaveAttribute("aria-expanded", "false");
    await waitFor(() => expect(button).toHaveFocus());
  });

  it("opens and closes by keyboard: Enter on the button, Escape inside the form", async () => {
    const user = userEvent.setup();
    render(<Notes />);
    const button = screen.getByRole("button", { name: "Add a note" });
    button.focus();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(screen.getByRole("heading", { name: "New note" })).toHaveFocus());
    await user.tab();
    expect(screen.getByRole("textbox", { name: "Text" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("form", { name: "New note" })).not.toBeInTheDocument();
    await waitFor(() => expect(button).toHaveFocus());
  });

  it("pressing its button again closes it", async () => {
    const user = userEvent.setup();
    render(<Notes />);
    const button = screen.getByRole("button", { name: "Add a note" });
    await user.click(button);
    await user.click(button);
    expect(screen.queryByRole("form", { name: "New note" })).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it("saved, closes and moves focus to the saved entry", async () => {
    const user = userEvent.setup();
    render(<Notes />);
    await user.click(screen.getByRole("button", { name: "Add a note" }));
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(screen.queryByRole("form", { name: "New note" })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("listitem")).toHaveFocus());
    expect(screen.getByRole("listitem")).toHaveAttribute("tabindex", "-1");
  });

  it("saved, waits for the entry the list shows a moment later, the button holding focus meanwhile", async () => {
    const user = userEvent.setup();
    render(<Notes late />);
    const button = screen.getByRole("button", { name: "Add a note" });
    await user.click(button);
    await user.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(button).toHaveFocus());
    await waitFor(() => expect(screen.getByRole("listitem")).toHaveFocus());
  });

  it("names each row's button apart while showing the same label", () => {
    function Row({ name }: { name: string }) {
      const form = useFormOnRequest(`row-${name}`);
      return (
        <FormOnRequestRegion form={form} label="Offer" name={`Offer ${name}`}>
          <input aria-label="Day" />
        </FormOnRequestRegion>
      );
    }
    render(
      <>
        <Row name="cook" />
        <Row name="driver" />
      </>,
    );
    const button = screen.getByRole("button", { name: "Offer driver" });
    expect(button).toHaveTextContent("Offer");
    expect(button).toHaveAttribute("aria-controls", "row-driver");
  });
});

/** A form whose saving is told in a message, laid out by the shared form. */
function Rename() {
  const form = useFormOnRequestWithResult("rename");
  return (
    <section>
      <SavedResult id={form.resultId}>{form.result}</SavedResult>
      <FormOnRequestRegion form={form} label="Rename">
        <FormOnRequestForm
          form={form}
          title="New name"
          level={4}
          submitLabel="Save the name"
          submitting={false}
          onSubmit={(event) => {
            event.preventDefault();
            form.report("Renamed by Aino");
          }}
        >
          <label>
            Name <input name="name" />
          </label>
        </FormOnRequestForm>
      </FormOnRequestRegion>
    </section>
  );
}

describe("a form on request that reports what it saved", () => {
  it("lays the form out under its title, which takes focus, with Cancel giving focus back", async () => {
    await i18n.changeLanguage("fi");
    const user = userEvent.setup();
    render(<Rename />);
    const button = screen.getByRole("button", { name: "Rename" });
    await user.click(button);
    const form = screen.getByRole("form", { name: "New name" });
    const title = screen.getByRole("heading", { level: 4, name: "New name" });
    expect(form).toContainElement(title);
    await waitFor(() => expect(title).toHaveFocus());
    await user.click(screen.getByRole("button", { name: "Peruuta" }));
    expect(form).not.toBeInTheDocument();
    await waitFor(() => expect(button).toHaveFocus());
  });

  it("saved, closes and moves focus to the message, which clears when the form opens again", async () => {
    const user = userEvent.setup();
    render(<Rename />);
    const button = screen.getByRole("button", { name: "Rename" });
    await user.click(button);
    await user.click(screen.getByRole("button", { name: "Save the name" }));
    expect(screen.queryByRole("form", { name: "New name" })).not.toBeInTheDocument();
    const message = screen.getByRole("status");
    expect(message).toHaveTextContent("Renamed by Aino");
    expect(message).toHaveAttribute("id", "rename-result");
    await waitFor(() => expect(message).toHaveFocus());
    await user.click(button);
    expect(message).toBeEmptyDOMElement();
  });
});
