/**
 * Municipalities of the employment areas in the demo data (Statistics Finland codes, classification 2025), the
 * same list the clients service names. Proper names: English uses the Finnish name.
 */
export const MUNICIPALITIES: { code: string; fi: string; sv: string }[] = [
  { code: "016", fi: "Asikkala", sv: "Asikkala" },
  { code: "081", fi: "Hartola", sv: "Gustav Adolfs" },
  { code: "111", fi: "Heinola", sv: "Heinola" },
  { code: "097", fi: "Hirvensalmi", sv: "Hirvensalmi" },
  { code: "098", fi: "Hollola", sv: "Hollola" },
  { code: "178", fi: "Juva", sv: "Jockas" },
  { code: "213", fi: "Kangasniemi", sv: "Kangasniemi" },
  { code: "316", fi: "Kärkölä", sv: "Kärkölä" },
  { code: "398", fi: "Lahti", sv: "Lahtis" },
  { code: "491", fi: "Mikkeli", sv: "S:t Michel" },
  { code: "507", fi: "Mäntyharju", sv: "Mäntyharju" },
  { code: "560", fi: "Orimattila", sv: "Orimattila" },
  { code: "576", fi: "Padasjoki", sv: "Padasjoki" },
  { code: "588", fi: "Pertunmaa", sv: "Pertunmaa" },
  { code: "623", fi: "Puumala", sv: "Puumala" },
  { code: "781", fi: "Sysmä", sv: "Sysmä" },
];

export function municipalityName(code: string, language: string): string {
  const municipality = MUNICIPALITIES.find((item) => item.code === code);
  if (!municipality) return code;
  return language === "sv" ? municipality.sv : municipality.fi;
}
