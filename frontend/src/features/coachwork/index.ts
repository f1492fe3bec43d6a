// The coach work feature's public module for other features: the organisation's teams, and the names of the people
// who acted. The app routes to the pages and sections directly, so that each stays a chunk of its own.
export { useTeams } from "./api/get-teams";
export { coachNames, type Me, usePersonName } from "./components/coach-names";
