import type { TFunction } from "i18next";

/** The employment areas (sub-regional units, seutukunnat) of the demo municipalities, as metrics-api groups them. */
const AREAS: Record<string, { fi: string; sv: string }> = {
  "071": { fi: "Lahden seutukunta", sv: "Lahtis ekonomiska region" },
  "101": { fi: "Mikkelin seutukunta", sv: "S:t Michels ekonomiska region" },
};

export function areaName(t: TFunction, code: string, language: string): string {
  if (code === "unplaced") return t("metrics.region.unplaced");
  const area = AREAS[code];
  if (!area) return code;
  return language === "sv" ? area.sv : area.fi;
}
