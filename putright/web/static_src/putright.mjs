// Starts GOV.UK Frontend's components on every page; base.html loads this as a module,
// so browsers too old for GOV.UK Frontend's JavaScript skip it and keep the plain HTML.
import { initAll } from "./govuk-frontend.min.js";

initAll();
