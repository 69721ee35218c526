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

// Person pickers (rl_portal/widgets.py): choosing a result fills the hidden input and shows the
// person; « Changer » brings the search back. Enter in the search box never submits the form.
document.addEventListener("click", (event) => {
  const choose = event.target.closest("[data-picker-choose]");
  if (choose) {
    const picker = choose.closest("[data-person-picker]");
    picker.querySelector("[data-picker-value]").value = choose.dataset.pickerChoose;
    picker.querySelector("[data-picker-chosen-label]").replaceChildren(
      ...Array.from(choose.childNodes, (node) => node.cloneNode(true)),
    );
    picker.querySelector("[data-picker-chosen]").hidden = false;
    picker.querySelector("[data-picker-search-box]").hidden = true;
    const search = picker.querySelector("[data-picker-search]");
    search.value = "";
    picker.querySelector(".person-picker-results").replaceChildren();
    picker.querySelector("[data-picker-clear]").focus();
    return;
  }
  const clear = event.target.closest("[data-picker-clear]");
  if (clear) {
    const picker = clear.closest("[data-person-picker]");
    picker.querySelector("[data-picker-value]").value = "";
    picker.querySelector("[data-picker-chosen-label]").replaceChildren();
    picker.querySelector("[data-picker-chosen]").hidden = true;
    picker.querySelector("[data-picker-search-box]").hidden = false;
    picker.querySelector("[data-picker-search]").focus();
  }
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && event.target.matches("[data-picker-search]")) {
    event.preventDefault();
  }
});

// Roll call: an explicit « mark the others absent » for the children still without a status.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-mark-rest]");
  if (!button) return;
  const form = button.closest("form");
  const names = new Set(Array.from(form.querySelectorAll("input.btn-check"), (input) => input.name));
  names.forEach((name) => {
    if (!form.querySelector(`input[name="${name}"]:checked`)) {
      const rest = form.querySelector(`input[name="${name}"][value="${button.dataset.markRest}"]`);
      if (rest) rest.checked = true;
    }
  });
});
