// The employers feature's public module: the pages the app routes to, and the section it adds to the client page.
export { ClientVacancyMatches } from "./components/client-vacancy-matches";
export { EmployerPage } from "./components/employer-page";
export { EmployerServicesHome } from "./components/employer-services-home";
export { EmployersPage } from "./components/employers-page";
export { SupportsPage } from "./components/supports-page";
export { VacancyBoardPage } from "./components/vacancy-board-page";
export { VacancyPage } from "./components/vacancy-page";
