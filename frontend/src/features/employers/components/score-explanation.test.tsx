import { render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";

import i18n from "../../../lib/i18n";
import { ScoreExplanation } from "./score-explanation";

describe("ScoreExplanation", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });

  it("names the day a client in an activating service is available from, as the reader's language writes it", async () => {
    const parts = [
      { part: "availability", points: 5, maximum: 10, reason: "available_soon", available_from: "2027-02-01" },
    ];
    const { rerender } = render(<ScoreExplanation score={5} parts={parts} />);
    expect(screen.getByRole("listitem")).toHaveTextContent(
      "Saatavuus: 5/10 pistettä – aktivoivassa palvelussa, käytettävissä 1.2.2027 alkaen (30 päivän sisällä työn alusta)",
    );
    await i18n.changeLanguage("sv");
    rerender(<ScoreExplanation score={5} parts={parts} />);
    expect(screen.getByRole("listitem")).toHaveTextContent("tillgänglig från 1.2.2027");
    await i18n.changeLanguage("en");
    rerender(<ScoreExplanation score={5} parts={parts} />);
    expect(screen.getByRole("listitem")).toHaveTextContent("available from 01/02/2027 (within 30 days of the start)");
  });

  it("says the end of a service is not known when no day is given", () => {
    render(
      <ScoreExplanation
        score={5}
        parts={[
          { part: "availability", points: 5, maximum: 10, reason: "in_activating_service", available_from: null },
        ]}
      />,
    );
    expect(screen.getByRole("listitem")).toHaveTextContent("aktivoivassa palvelussa, päättymispäivä ei tiedossa");
  });
});
