import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { CLIENT_ID, clientRead } from "../../../testing/clients";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { useClient } from "../api/get-client";
import type { WaitingOnUpdate } from "../api/types";
import { WaitingOnField } from "./waiting-on";

const URL = `/api/clients/v1/clients/${CLIENT_ID}`;

function Summary() {
  const client = useClient(CLIENT_ID);
  return client.data ? <WaitingOnField client={client.data} /> : null;
}

function service() {
  let client = clientRead({ waiting_on: "client", waiting_since: "2026-11-20" });
  return fakeApi((call: Call) => {
    if (call.path === URL) return { status: 200, body: client };
    if (call.path === `${URL}/waiting-on`) {
      const body = call.body as WaitingOnUpdate;
      client = { ...client, waiting_on: body.waiting_on, waiting_since: body.waiting_on ? (body.since ?? null) : null };
      return {
        status: 200,
        body: { client_id: CLIENT_ID, waiting_on: client.waiting_on, waiting_since: client.waiting_since },
      };
    }
    return undefined;
  });
}

describe("WaitingOnField", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows whom we wait for, sets it to us from a day, and clears it", async () => {
    const calls = service();
    renderWithProviders(<Summary />);
    expect(await screen.findByText("asiakasta 20.11.2026 alkaen")).toBeInTheDocument();

    const open = screen.getByRole("button", { name: "Muuta, ketä odotetaan" });
    await userEvent.click(open);
    expect(screen.getByRole("heading", { name: "Muuta, ketä odotetaan" })).toHaveFocus();
    await userEvent.selectOptions(screen.getByRole("combobox", { name: /^Odotetaan/ }), "us");
    const since = screen.getByLabelText(/^Odotus alkanut/);
    await userEvent.clear(since);
    await userEvent.type(since, "1.12.2026");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Tallennettu. Odotetaan: meitä 1.12.2026 alkaen.");
    // Saved, focus moves to the value as the summary shows it now.
    const value = document.getElementById("waiting-on-value");
    await vi.waitFor(() => expect(value).toHaveTextContent("Odotetaan: meitä 1.12.2026 alkaen"));
    expect(value).toHaveFocus();
    expect(calls.find((call) => call.method === "PUT")?.body).toEqual({ waiting_on: "us", since: "2026-12-01" });

    // Cleared, no day is asked for.
    await userEvent.click(screen.getByRole("button", { name: "Muuta, ketä odotetaan" }));
    await userEvent.selectOptions(screen.getByRole("combobox", { name: /^Odotetaan/ }), "none");
    expect(screen.queryByLabelText(/^Odotus alkanut/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Tallennettu. Odotetaan: ei ketään.");
    expect(calls.filter((call) => call.method === "PUT").at(-1)?.body).toEqual({ waiting_on: null });
  });

  it("gives focus back to the button when the form is cancelled", async () => {
    service();
    renderWithProviders(<Summary />);
    const open = await screen.findByRole("button", { name: "Muuta, ketä odotetaan" });
    await userEvent.click(open);
    await userEvent.click(screen.getByRole("button", { name: "Peruuta" }));
    await vi.waitFor(() => expect(open).toHaveFocus());
    expect(open).toHaveAttribute("aria-expanded", "false");
  });
});
