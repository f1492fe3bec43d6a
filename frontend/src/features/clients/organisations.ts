/**
 * The partner organisations a client can consent to share data with: the fixed organisations of the runtime
 * contract (docs/contract.md). Proper names, the same in every language.
 */
export const PARTNER_ORGANISATIONS: { id: string; name: string }[] = [
  { id: "0b0c8f6e-6f1a-4c36-9d55-000000000002", name: "Päijät-Hämeen hyvinvointialue" },
  { id: "0b0c8f6e-6f1a-4c36-9d55-000000000003", name: "Kela" },
  { id: "0b0c8f6e-6f1a-4c36-9d55-000000000004", name: "Koulutuskeskus Salpaus" },
  { id: "0b0c8f6e-6f1a-4c36-9d55-000000000005", name: "Harjulan Setlementti" },
];

export function organisationName(id: string): string {
  return PARTNER_ORGANISATIONS.find((organisation) => organisation.id === id)?.name ?? id;
}
