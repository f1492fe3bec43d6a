/**
 * When the person last visited a place of the SPA (their home, a client), kept in this browser per person and
 * place, so that what arrived since stands out. The first read of a browser session remembers the previous visit
 * for the rest of the session (coming back to the page in the same session shows the same news) and records this
 * visit for the next session.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

function key(kind: "local" | "session", subject: string, place: string): string {
  return `polku.lastVisit.${kind}.${subject}.${place}`;
}

/** The previous visit's moment (ISO 8601), or null for a first visit; ``fallbackDays`` gives one instead. */
export function previousVisit(subject: string, place: string, fallbackDays?: number): string | null {
  const sessionKey = key("session", subject, place);
  const kept = sessionStorage.getItem(sessionKey);
  if (kept !== null) return kept || null;
  const previous = localStorage.getItem(key("local", subject, place));
  localStorage.setItem(key("local", subject, place), new Date().toISOString());
  const since = previous ?? (fallbackDays ? new Date(Date.now() - fallbackDays * DAY_MS).toISOString() : null);
  sessionStorage.setItem(sessionKey, since ?? "");
  return since;
}
