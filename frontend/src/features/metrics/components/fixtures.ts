import type { CellRead, DefinitionRead, Figures, IndicatorCode } from "../api/types";

export function definition(code: IndicatorCode, overrides: Partial<DefinitionRead> = {}): DefinitionRead {
  return {
    code,
    version: 1,
    valid_from: "2025-01-01",
    name_fi: code,
    name_en: code,
    formula: `Kaava: ${code}`,
    unit: "persons",
    kind: "stock",
    count_date_rule: "kuukauden viimeinen arkipäivä",
    source: `Lähde: ${code}`,
    audience: "area",
    statuses: [],
    service_types: [],
    activating_services: [],
    groups: ["all", "under_25"],
    breakdown: null,
    awaiting: [],
    ...overrides,
  };
}

export function cell(overrides: Partial<CellRead>): CellRead {
  return {
    month: "2025-01",
    count_date: "2025-01-31",
    municipality: "398",
    employment_area: null,
    group: "under_25",
    breakdown: null,
    value: 120,
    persons: 120,
    denominator: null,
    available: true,
    suppressed: false,
    vintage: null,
    amounts: null,
    ...overrides,
  };
}

export const ACTIVATION_RATE = definition("activation_rate", {
  unit: "percent",
  formula: "Aktivoivissa palveluissa olevat / (työttömät + aktivoivissa palveluissa olevat) × 100",
  source: "Työllisyyskatsaus, aktivointiaste",
  activating_services: [
    {
      service_type: "pay_subsidised_work",
      name_fi: "palkkatuettu työ",
      valid_from: "2025-01-01",
      valid_to: null,
      note: null,
    },
  ],
});

export function figures(indicator: IndicatorCode, cells: CellRead[], overrides: Partial<DefinitionRead> = {}): Figures {
  const defined = indicator === "activation_rate" ? ACTIVATION_RATE : definition(indicator, overrides);
  return { indicator, definitions: [defined], suppression_threshold: 5, cells };
}
