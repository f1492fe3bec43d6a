// The clients feature's public module for other features: the clients' query keys, the hooks that read a client,
// its assessment, interviews and schedule or save its assessment, and the assessment's types. The app routes to the
// pages directly, so that each stays a chunk of its own.
export { useAssessment } from "./api/get-assessment";
export { useClient } from "./api/get-client";
export { useInterviews } from "./api/get-interviews";
export { useSchedule } from "./api/get-schedule";
export { clientKeys } from "./api/query-keys";
export { useSaveAssessment } from "./api/save-assessment";
export type { AssessmentRead, AssessmentWrite } from "./api/types";
