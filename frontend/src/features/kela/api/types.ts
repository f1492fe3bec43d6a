import type { components } from "../../../client/generated/clients";

type Schemas = components["schemas"];
export type SubsidyDaysRead = Schemas["SubsidyDaysRead"];
export type SubsidyDaysWrite = Schemas["SubsidyDaysWrite"];
export type CountSource = Schemas["CountSource"];
export type ImportRead = Schemas["ImportRead"];
export type ImportError = Schemas["ImportError"];

/** Where a count came from, in display order (the translations test checks each has words). */
export const COUNT_SOURCES = ["kela_import", "coach"] as const satisfies readonly CountSource[];

/** The codes of a refused row, as the service names them (each has words under ``kela.import.code``). */
export const IMPORT_ERROR_CODES = [
  "not_utf8",
  "no_header",
  "missing_column",
  "too_few_columns",
  "duplicate",
  "invalid_identity_code",
  "not_a_number",
  "out_of_range",
  "not_a_date",
  "future_date",
  "not_a_client",
  "row_sent_twice",
] as const;
