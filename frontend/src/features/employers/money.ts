import i18next from "i18next";

/**
 * Euros as the reader writes them: ``12 345,67 €`` in Finnish and Swedish, ``€12,345.67`` in English. The services
 * send euros as decimal strings, so that no cent is lost on the way.
 */
export function formatEuros(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const locale = i18next.language === "en" ? "en-GB" : i18next.language === "sv" ? "sv-FI" : "fi-FI";
  return new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }).format(Number(value));
}
