import type { ImportKind } from "../api/types";

/** One column of an import file as metrics-api reads it: the header it expects and the others it accepts. */
export interface ColumnDoc {
  /** The translation key of its meaning and format (``metricsData.column.<key>``). */
  key: string;
  /** The header written in the template (Finnish, as Statistics Finland and Kela write it). */
  header: string;
  /** Other headers accepted (Swedish, English), case-insensitive. */
  aliases: string[];
  required: boolean;
}

export interface ImportShape {
  columns: ColumnDoc[];
  /** An example row of the template. */
  example: string[];
  /** Whether the import names the statistic's vintage (its edition and publication day). */
  needsVintage: boolean;
}

const MUNICIPALITY: ColumnDoc = {
  key: "municipality",
  header: "Alue",
  aliases: ["Kunta", "Område", "Kommun", "Municipality", "Area"],
  required: true,
};
const MONTH: ColumnDoc = { key: "month", header: "Kuukausi", aliases: ["Månad", "Month"], required: true };

/** The columns of each kind of file (metrics-api's ``statistics/tables.py``), in the template's order. */
export const IMPORT_SHAPES: Record<ImportKind, ImportShape> = {
  "labour-force": {
    columns: [
      MUNICIPALITY,
      MONTH,
      { key: "group", header: "Ryhmä", aliases: ["Grupp", "Group"], required: false },
      { key: "labourForce", header: "Työvoima", aliases: ["Arbetskraft", "Labour force"], required: true },
      { key: "population", header: "Väestö", aliases: ["Befolkning", "Population"], required: true },
      { key: "employed", header: "Työlliset", aliases: ["Sysselsatta", "Employed"], required: false },
    ],
    example: ["KU398 Lahti", "2025M06", "Yhteensä", "60000", "120000", ""],
    needsVintage: true,
  },
  "kela-benefits": {
    columns: [
      MUNICIPALITY,
      MONTH,
      { key: "benefit", header: "Etuus", aliases: ["Förmån", "Benefit"], required: true },
      { key: "recipients", header: "Saajat", aliases: ["Mottagare", "Recipients"], required: true },
      { key: "euros", header: "Euroa", aliases: ["Maksetut eurot", "Euro", "Euros"], required: true },
    ],
    example: ["KU398 Lahti", "2025M06", "Työmarkkinatuki", "5400", "3200000,00"],
    needsVintage: true,
  },
  "budget-lines": {
    columns: [
      MONTH,
      { key: "line", header: "Rivi", aliases: ["Rad", "Line"], required: true },
      { key: "category", header: "Laji", aliases: ["Kategori", "Category"], required: true },
      { key: "budgetClass", header: "Luokka", aliases: ["Klass", "Class"], required: true },
      { key: "budgeted", header: "Budjetti", aliases: ["Talousarvio", "Budget", "Budgeted"], required: true },
      { key: "actual", header: "Toteuma", aliases: ["Utfall", "Actual"], required: false },
      { key: "committed", header: "Sidottu", aliases: ["Sitoumukset", "Bunden", "Committed"], required: false },
    ],
    example: ["2025-01", "Palkkatuki", "Toimintamenot", "Määrärahasidonnainen", "100000", "95000", "5000"],
    needsVintage: false,
  },
};

/** The template as a CSV file (``;``-separated, as PxWeb and Kelasto export): the header row and one example. */
export function templateCsv(kind: ImportKind): string {
  const shape = IMPORT_SHAPES[kind];
  return (
    [shape.columns.map((column) => column.header), shape.example].map((row) => row.join(";")).join("\r\n") + "\r\n"
  );
}

/** The template as a link target the browser downloads (a data address: nothing is fetched). */
export function templateHref(kind: ImportKind): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(templateCsv(kind))}`;
}
