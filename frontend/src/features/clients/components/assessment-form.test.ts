import { describe, expect, it } from "vitest";

import type { AssessmentRead } from "../api/types";
import { assessmentToForm, formToAssessment } from "./assessment-form";

const saved: AssessmentRead = {
  client_id: "6f1c2b8e-0000-4000-8000-000000000003",
  version: 2,
  assessed_on: "2026-11-02",
  education: [],
  work_history: [],
  occupations: [],
  competences: [],
  languages: [],
  driving_licences: [],
  service_needs: ["coaching"],
  more_support_needed: true,
  supplementary_interviews: 3,
  work_ability: "full",
  work_ability_description: null,
  integration_period: null,
  special_category: null,
  special_category_hidden: false,
  created_by: "coach-aino",
  created_at: "2026-11-02T10:00:00Z",
};

describe("formToAssessment", () => {
  it("keeps the number of need-based supplementary interviews the form does not edit", () => {
    const body = formToAssessment(assessmentToForm(saved, "2026-12-03"), saved, false);
    expect(body.supplementary_interviews).toBe(3);
  });

  it("leaves a first assessment's number to the rule set", () => {
    const body = formToAssessment(assessmentToForm(null, "2026-12-03"), null, false);
    expect(body.supplementary_interviews).toBeNull();
  });
});
