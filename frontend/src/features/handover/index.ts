// The hand-over feature's public module: the page the app routes to and the client page's section.
export { HandoverSection } from "./components/handover-section";
export { HandoversPage } from "./components/handovers-page";
