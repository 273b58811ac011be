// Starts GOV.UK Frontend's components on every page; base.html loads this as a module,
// so browsers too old for GOV.UK Frontend's JavaScript skip it and keep the plain HTML.
import { initAll } from "./govuk-frontend.min.js";

initAll();

// A select whose options follow another's choice (a sub-cause under its root cause): the
// page lists every option grouped under its leader's choices (an optgroup each), which is
// all there is without JavaScript; here only the group of the leader's choice is offered,
// and a choice left outside it is cleared.
for (const select of document.querySelectorAll("select[data-options-follow]")) {
  const leader = document.getElementById(select.dataset.optionsFollow);
  if (!(leader instanceof HTMLSelectElement)) continue;
  const follow = () => {
    const chosen = leader.value ? leader.selectedOptions[0].text : "";
    for (const group of select.querySelectorAll("optgroup")) {
      const offered = !chosen || group.label === chosen;
      group.hidden = !offered;
      group.disabled = !offered;
    }
    const option = select.selectedOptions[0];
    if (option && option.parentElement instanceof HTMLOptGroupElement && option.parentElement.disabled) {
      select.value = "";
    }
  };
  leader.addEventListener("change", follow);
  follow();
}
