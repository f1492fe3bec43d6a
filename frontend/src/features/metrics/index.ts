/** The metrics feature's public module: what the app and other features may use. */
export { MetricsPage } from "./components/metrics-page";
export { ManagerHome } from "./components/manager-home";
