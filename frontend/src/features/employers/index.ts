// The employers feature's public module: the pages the app routes to.
export { EmployerPage } from "./components/employer-page";
export { EmployersPage } from "./components/employers-page";
export { VacancyBoardPage } from "./components/vacancy-board-page";
