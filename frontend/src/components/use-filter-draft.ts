import { useState } from "react";
import { useSearchParams } from "react-router";

type Values<K extends string> = Record<K, string>;

/** Each filter's value as the address holds it, empty where the address has none. */
function valuesIn<K extends string>(keys: readonly K[], params: URLSearchParams): Values<K> {
  return Object.fromEntries(keys.map((key) => [key, params.get(key) ?? ""])) as Values<K>;
}

/**
 * The filters of a search page, kept in the address so that a search can be shared, bookmarked and returned to with
 * back and forward. The form edits a draft (``field(key)`` gives a field its ``value`` and ``onChange``); ``apply()``
 * puts the draft's filled-in values in the address, in the order of ``keys``, each trimmed, an empty one left out.
 * When the address changes (a search applied, back, forward, a link), the draft becomes what the address names again,
 * so the form shows the filters of the results on screen; the fields stay where they are, and so does focus.
 * ``shownOf`` says what a field shows for an address (by default the address's own value): a value the service would
 * refuse, say, may be left out.
 */
export function useFilterDraft<K extends string>(
  keys: readonly K[],
  shownOf: (params: URLSearchParams) => Values<K> = (params) => valuesIn(keys, params),
) {
  const [params, setParams] = useSearchParams();
  const query = params.toString();
  const [draft, setDraft] = useState(() => shownOf(params));
  const [draftFor, setDraftFor] = useState(query);
  if (draftFor !== query) {
    setDraftFor(query);
    setDraft(shownOf(params));
  }
  /** The draft's filled-in values (of ``only``, by default of every filter), trimmed, as address parameters. */
  const filled = (only: readonly K[] = keys): URLSearchParams => {
    const next = new URLSearchParams();
    for (const key of only) if (draft[key].trim()) next.set(key, draft[key].trim());
    return next;
  };
  return {
    params,
    setParams,
    draft,
    field: (key: K) => ({
      value: draft[key],
      onChange: (event: { target: { value: string } }) =>
        setDraft((current) => ({ ...current, [key]: event.target.value })),
    }),
    filled,
    apply: () => setParams(filled()),
  };
}
