/** The managers' data pages: the imports with their validation reports, the budget, the effectiveness follow-up. */
export { BudgetPage } from "./components/budget-page";
export { EffectivenessPage } from "./components/effectiveness-page";
export { ImportsPage } from "./components/imports-page";
