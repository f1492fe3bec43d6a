import { describe, expect, it } from "vitest";

import en from "../../locales/en.json";
import fi from "../../locales/fi.json";
import sv from "../../locales/sv.json";
import {
  CAPACITY_PERIODS,
  ORGANISATION_TYPES,
  OUTCOMES,
  PRODUCTION_MODELS,
  REFERRAL_DATA_CATEGORIES,
  REFERRAL_STATUSES,
  SERVICE_CHANNELS,
  SERVICE_TARGET_GROUPS,
} from "./api/types";
import { ANSWERED_MOVES } from "../../testing/referrals";
import { OPEN_STATUSES } from "./lifecycle";

const MOVES = [...new Set(Object.values(ANSWERED_MOVES).flatMap((moves) => Object.values(moves).flat()))];

const NAMED: [string, readonly string[]][] = [
  ["referralStatus", REFERRAL_STATUSES],
  ["outcome", OUTCOMES],
  ["organisationType", ORGANISATION_TYPES],
  ["serviceChannel", SERVICE_CHANNELS],
  ["productionModel", PRODUCTION_MODELS],
  ["serviceTargetGroup", SERVICE_TARGET_GROUPS],
  ["dataCategory", REFERRAL_DATA_CATEGORIES],
  ["transition.move", MOVES],
  ["board.column", OPEN_STATUSES],
  ["inbox.group", OPEN_STATUSES],
  ["directory.seatsPer", CAPACITY_PERIODS.flatMap((period) => [`${period}_one`, `${period}_other`])],
];

function lookup(resource: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resource);
}

describe("names of the referral API's values", () => {
  it.each([
    ["fi", fi],
    ["sv", sv],
    ["en", en],
  ])("every value the referral screens show has a name in %s", (_, resource) => {
    const missing = NAMED.flatMap(([group, values]) =>
      values
        .filter((value) => typeof lookup(resource, `${group}.${value}`) !== "string")
        .map((value) => `${group}.${value}`),
    );
    expect(missing).toEqual([]);
  });
});
