// RL Portal — behaviour that needs no inline script (the Content-Security-Policy forbids it).
document.addEventListener("DOMContentLoaded", () => {
  // Filters submit themselves when a select changes (the list refreshes through htmx).
  document.querySelectorAll("form[data-autosubmit] select").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
});

// Quick entry: remove a youth chip; clear the search once a youth is added.
document.addEventListener("click", (event) => {
  const remove = event.target.closest("[data-remove-chip]");
  if (remove) {
    remove.closest(".youth-chip").remove();
    return;
  }
  const add = event.target.closest("[data-clear-search]");
  if (add) {
    document.addEventListener("htmx:afterRequest", () => {
      const search = document.getElementById("youth-search");
      const results = document.getElementById("youth-results");
      if (search) search.value = "";
      if (results) results.replaceChildren();
    }, { once: true });
  }
});

// Quick entry: a new youth's commune follows the entry's commune until the user chooses one.
document.addEventListener("change", (event) => {
  const select = event.target;
  if (!(select instanceof HTMLSelectElement)) return;
  if (select.dataset.follows) {
    select.dataset.touched = "1";
    return;
  }
  document.querySelectorAll(`select[data-follows="${select.id}"]`).forEach((follower) => {
    if (!follower.dataset.touched) follower.value = select.value;
  });
});

// Quick entry: after a save, bring its answer (the confirmation or the reason of a refusal,
// at the top of the form) into view — on a phone the button is a screen below it.
document.addEventListener("htmx:afterSettle", (event) => {
  // The form is swapped whole (outerHTML): the event's target is the old one; read the new.
  if (event.detail.elt.id !== "quick-entry" && event.detail.target.id !== "quick-entry") return;
  const answer = document.querySelector("#quick-entry .alert, #quick-entry .is-invalid");
  if (answer) answer.scrollIntoView({ block: "center" });
});
