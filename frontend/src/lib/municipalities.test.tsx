import { screen } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";

import { MunicipalitiesLoaded } from "../components/municipalities-loaded";
import { fakeApi } from "../testing/fetch";
import { TEST_MUNICIPALITIES } from "../testing/municipalities";
import { renderWithProviders } from "../testing/render";
import i18n from "./i18n";
import { MUNICIPALITIES, municipalitiesFor, municipalityName, setMunicipalities } from "./municipalities";

const HELSINKI = TEST_MUNICIPALITIES.find((municipality) => municipality.code === "091")!;
const LAHTI = TEST_MUNICIPALITIES.find((municipality) => municipality.code === "398")!;

describe("the municipalities from the API", () => {
  beforeEach(async () => {
    setMunicipalities([]);
    await i18n.changeLanguage("fi");
  });

  it("shows the pages once the list has arrived, and names the codes from it", async () => {
    const calls = fakeApi((call) =>
      call.path === "/api/clients/v1/municipalities" ? { status: 200, body: [LAHTI, HELSINKI] } : undefined,
    );
    expect(municipalityName("091", "fi")).toBe("091");
    renderWithProviders(
      <MunicipalitiesLoaded>
        <p>sivu</p>
      </MunicipalitiesLoaded>,
    );
    expect(screen.getByRole("status")).toHaveTextContent("Ladataan kuntaluokitusta");
    expect(await screen.findByText("sivu")).toBeInTheDocument();
    expect(calls).toHaveLength(1);
    expect(municipalityName("091", "fi")).toBe("Helsinki");
    expect(municipalityName("091", "sv")).toBe("Helsingfors");
    expect(municipalityName("091", "en")).toBe("Helsinki");
    expect(municipalityName("999", "fi")).toBe("999");
    expect(MUNICIPALITIES.map((municipality) => municipality.code)).toEqual(["091", "398"]);
  });

  it("still shows the pages, with codes and a notice, when the list cannot be had", async () => {
    fakeApi(() => ({ status: 503, body: { type: "about:blank", title: "Unavailable", status: 503 } }));
    renderWithProviders(
      <MunicipalitiesLoaded>
        <p>sivu</p>
      </MunicipalitiesLoaded>,
    );
    expect(await screen.findByText("sivu")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("Kuntaluokitusta ei saatu");
    expect(municipalityName("398", "fi")).toBe("398");
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
