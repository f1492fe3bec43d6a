import { screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";

import { MunicipalitiesLoaded, MunicipalitiesUnavailable } from "../components/municipalities-loaded";
import { fakeApi } from "../testing/fetch";
import { TEST_MUNICIPALITIES } from "../testing/municipalities";
import { renderWithProviders } from "../testing/render";
import i18n from "./i18n";
import {
  MUNICIPALITIES,
  municipalitiesFor,
  municipalityName,
  setMunicipalities,
  useMunicipalityNames,
} from "./municipalities";

const HELSINKI = TEST_MUNICIPALITIES.find((municipality) => municipality.code === "091")!;
const LAHTI = TEST_MUNICIPALITIES.find((municipality) => municipality.code === "398")!;

/** A signed-in page as the app renders it: a text naming a municipality, and a field picking one. */
function Page() {
  const municipalities = useMunicipalityNames();
  return (
    <>
      <MunicipalitiesUnavailable />
      <h1>sivu</h1>
      <p data-testid="home">{municipalities.name("091")}</p>
      <p data-testid="known">{String(municipalities.known("049"))}</p>
      <MunicipalitiesLoaded>
        <label>
          Kunta
          <select defaultValue="398">
            {municipalities.list.map((municipality) => (
              <option key={municipality.code} value={municipality.code}>
                {municipalities.name(municipality.code)}
              </option>
            ))}
          </select>
        </label>
      </MunicipalitiesLoaded>
    </>
  );
}

describe("the municipalities from the API", () => {
  beforeEach(async () => {
    setMunicipalities([]);
    await i18n.changeLanguage("fi");
  });

  it("renders the page at once with codes, then names the codes and offers the list once it has arrived", async () => {
    const calls = fakeApi((call) =>
      call.path === "/api/clients/v1/municipalities" ? { status: 200, body: [LAHTI, HELSINKI] } : undefined,
    );
    expect(municipalityName("091", "fi")).toBe("091");
    renderWithProviders(<Page />);
    // The page does not wait: the name shows its code, a well-formed code from the address is taken, and only the
    // field that picks among the municipalities says it is waiting.
    expect(screen.getByRole("heading", { name: "sivu" })).toBeInTheDocument();
    expect(screen.getByTestId("home")).toHaveTextContent("091");
    expect(screen.getByTestId("known")).toHaveTextContent("true");
    expect(screen.getByRole("status")).toHaveTextContent("Ladataan kuntaluokitusta");
    expect(screen.queryByRole("combobox")).not.toBeInTheDocument();

    await waitFor(() => expect(screen.getByTestId("home")).toHaveTextContent("Helsinki"));
    expect(screen.getByRole("combobox", { name: "Kunta" })).toHaveValue("398");
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
    // Once the list is there, a code must be one of it (Espoo is not in this one).
    expect(screen.getByTestId("known")).toHaveTextContent("false");
    expect(calls).toHaveLength(1);
    expect(municipalityName("091", "fi")).toBe("Helsinki");
    expect(municipalityName("091", "sv")).toBe("Helsingfors");
    expect(municipalityName("091", "en")).toBe("Helsinki");
    expect(municipalityName("999", "fi")).toBe("999");
    expect(MUNICIPALITIES.map((municipality) => municipality.code)).toEqual(["091", "398"]);
  });

  it("still shows the page, with codes and a notice, when the list cannot be had", async () => {
    fakeApi(() => ({ status: 503, body: { type: "about:blank", title: "Unavailable", status: 503 } }));
    renderWithProviders(<Page />);
    expect(screen.getByRole("heading", { name: "sivu" })).toBeInTheDocument();
    expect(await screen.findByRole("alert")).toHaveTextContent("Kuntaluokitusta ei saatu");
    expect(screen.getByTestId("home")).toHaveTextContent("091");
    expect(screen.getByRole("combobox", { name: "Kunta" })).toBeInTheDocument();
    expect(municipalityName("398", "fi")).toBe("398");
  });

  it("asks for nothing when the list is already there", () => {
    const calls = fakeApi(() => undefined);
    setMunicipalities(TEST_MUNICIPALITIES);
    renderWithProviders(<Page />);
    expect(screen.getByTestId("home")).toHaveTextContent("Helsinki");
    expect(screen.getByRole("combobox", { name: "Kunta" })).toHaveValue("398");
    expect(calls).toHaveLength(0);
  });

  it("sorts by the names the reader sees", () => {
    setMunicipalities(TEST_MUNICIPALITIES);
    const finnish = municipalitiesFor("fi").map((municipality) => municipality.fi);
    const swedish = municipalitiesFor("sv").map((municipality) => municipality.sv);
    expect(finnish).toEqual([...finnish].sort((a, b) => a.localeCompare(b, "fi")));
    expect(swedish).toEqual([...swedish].sort((a, b) => a.localeCompare(b, "sv")));
    // Hartola is Gustav Adolfs in Swedish: first among the Swedish names, after Asikkala among the Finnish ones.
    expect(finnish.indexOf("Hartola")).toBeGreaterThan(finnish.indexOf("Asikkala"));
    expect(swedish.indexOf("Gustav Adolfs")).toBeLessThan(swedish.indexOf("Heinola"));
    expect(swedish.slice(0, 2)).toEqual(["Asikkala", "Gustav Adolfs"]);
  });
});
