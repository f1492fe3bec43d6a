import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";

import type { AssessmentRead } from "../api/types";
import { assessmentSchema, assessmentToForm, formToAssessment } from "./assessment-form";

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

  it("sends the competences as edited: each occupation with its description, an empty description as none", () => {
    const base = {
      ...saved,
      competences: [
        { occupation: "8332", description: "Trukkikortti" },
        { occupation: "5120", description: null },
      ],
    };
    const values = assessmentToForm(base, "2026-12-03");
    expect(values.competences).toEqual([
      { occupation: "8332", description: "Trukkikortti" },
      { occupation: "5120", description: "" },
    ]);
    values.competences = [
      { occupation: "5120", description: "  Hygieniapassi " },
      { occupation: "4321", description: "" },
    ];
    expect(formToAssessment(values, base, false).competences).toEqual([
      { occupation: "5120", description: "Hygieniapassi" },
      { occupation: "4321", description: null },
    ]);
  });
});

describe("assessmentSchema", () => {
  it("refuses a competence without an occupation", () => {
    const schema = assessmentSchema(((key: string) => key) as unknown as TFunction);
    const values = assessmentToForm(saved, "2026-12-03");
    values.competences = [{ occupation: "", description: "Trukkikortti" }];
    const result = schema.safeParse(values);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain("competences.0.occupation");
  });
});
