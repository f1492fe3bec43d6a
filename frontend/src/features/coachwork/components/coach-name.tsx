import { useTeams } from "../api/get-teams";
import { coachNames } from "./coach-names";

/**
 * A coach by the name their team has for them, as the client's workspace names the client's coach to a manager and to
 * other coaches; ``fallback`` while the teams load, or when no team of the organisation has the coach.
 */
export function CoachName({ subject, fallback }: { subject: string; fallback: string }) {
  const teams = useTeams();
  return <>{coachNames(teams.data).get(subject) ?? fallback}</>;
}
