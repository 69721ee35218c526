// RL Portal — the installable app in the page: registers the service worker, keeps the quick
// entry and the roll call working without network (entries wait in the phone's queue, youths
// are searched in the list kept for that), shows « en attente d'envoi » on every page and sends
// the queue when the network is back. No inline script: the CSP forbids it.
/* global RLOffline */
(function () {
  "use strict";
  const Q = window.RLOffline;
  if (!Q || !("indexedDB" in window)) return;

  // A fresh idempotency key for each form at each load (a page kept in the cache shows the key
  // it was served with), now: htmx, which sends the form, hooks it at DOMContentLoaded, after
  // this deferred script; a form already sent keeps its key for the queue (queueQuickEntry).
  document.querySelectorAll("#quick-entry, form[data-offline-roll-call]").forEach(renewKey);

  const body = document.body;
  const user = body.dataset.offlineUser ? Number(body.dataset.offlineUser) : null;
  const YOUTHS_URL = "/api/v1/prevention/quick-entries/youths/";
  // The pages usable offline (rl_portal.offline.OFFLINE_PAGES, which the service worker serves).
  const OFFLINE_PAGES = [/^\/prevention\/saisie\/$/, /^\/scolaire\/programmes\/\d+\/appel\/$/];
  // The youths list is journalled as a read at each download: once an hour is enough.
  const YOUTHS_REFRESH_SECONDS = 3600;

  // The CSRF cookie is HttpOnly: the token is read from the page (htmx's headers, else a form).
  function csrfToken() {
    try {
      const token = JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
      if (token) return token;
    } catch (error) {
      // Not JSON: fall back to a form's token.
    }
    const input = document.querySelector("input[name='csrfmiddlewaretoken']");
    return input ? input.value : "";
  }

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else node.setAttribute(name, value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  function plural(count, word) {
    return `${count} ${word}${count > 1 ? "s" : ""}`;
  }

  function localToday() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  function searchKey(text) {
    return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  // ------------------------------------------------------------------------------------------
  // Service worker
  // ------------------------------------------------------------------------------------------

  async function registerWorker() {
    if (!("serviceWorker" in navigator)) return null;
    try {
      return await navigator.serviceWorker.register("/sw.js", { scope: "/" });
    } catch (error) {
      return null;
    }
  }

  async function askBackgroundSync() {
    if (!("serviceWorker" in navigator)) return;
    try {
      const registration = await navigator.serviceWorker.ready;
      if (registration.sync) await registration.sync.register(Q.SYNC_TAG);
    } catch (error) {
      // No Background Sync (Firefox, Safari): the pages send at load, at « online » and on the
      // button.
    }
  }

  // The page and its files, cached now if the service worker did not see this load (the first
  // one); when it did, it cached the page itself, and fetching again would journal the roll
  // call's children twice.
  async function cacheThisPage() {
    if (!navigator.onLine || !window.caches) return;
    const [navigation] = performance.getEntriesByType("navigation");
    if (navigation && navigation.workerStart > 0) return;
    if (!OFFLINE_PAGES.some((pattern) => pattern.test(location.pathname))) return;
    const files = [
      ...document.querySelectorAll("script[src], link[rel='stylesheet'][href], link[rel='icon'][href]"),
    ].map((node) => node.src || node.href);
    try {
      const pages = await caches.open(Q.PAGES_CACHE);
      const response = await fetch(location.pathname, { credentials: "same-origin" });
      if (response.ok && !response.redirected) await pages.put(location.pathname, response);
      const statics = await caches.open(Q.STATIC_CACHE);
      await statics.addAll(files.filter((url) => new URL(url).pathname.startsWith("/static/")));
    } catch (error) {
      // Offline again already: the next load will do it.
    }
  }

  // ------------------------------------------------------------------------------------------
  // The queue on every page
  // ------------------------------------------------------------------------------------------

  const status = document.getElementById("offline-status");
  let sending = false;

  function describe(entry) {
    const d = entry.display || {};
    if (entry.kind === "appel") return `Appel du ${d.date || ""} — ${d.title || ""}`;
    const parts = [`Saisie du ${d.date || ""}`];
    if (d.hours) parts.push(`${d.hours} h`);
    if (d.youths && d.youths.length) parts.push(d.youths.join(", "));
    return parts.join(" — ");
  }

  function conflictTable(entry) {
    const rows = (entry.conflict && entry.conflict.rows) || [];
    if (!rows.length) return null;
    const table = el("table", { class: "table table-sm mb-2 offline-conflict" });
    table.append(
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          el("th", { scope: "col", text: "" }),
          el("th", { scope: "col", text: "Votre saisie (sur ce téléphone)" }),
          el("th", { scope: "col", text: "Enregistré par un collègue" }),
        ),
      ),
    );
    const tbody = el("tbody");
    for (const row of rows) {
      const tr = el(
        "tr",
        row.mine !== row.theirs ? { class: "table-warning" } : {},
        el("th", { scope: "row", text: row.label }),
        el("td", { text: row.mine }),
        el("td", { text: row.theirs }),
      );
      tbody.append(tr);
    }
    table.append(tbody);
    return table;
  }

  function entryItem(entry) {
    const item = el("li", { class: "list-group-item", "data-offline-entry": entry.uuid });
    item.append(el("div", { class: "fw-semibold", text: describe(entry) }));
    if (entry.state === "pending") {
      item.append(el("div", { class: "small text-body-secondary", text: "En attente d'envoi." }));
    }
    if (entry.state === "unsure") {
      item.append(
        el("div", {
          class: "alert alert-warning py-2 my-2",
          role: "alert",
          text:
            "Envoi incertain : la connexion a coupé pendant l'envoi. Vérifiez dans « Temps saisis » " +
            "qu'elle n'y est pas déjà, puis envoyez-la ou supprimez-la du téléphone.",
        }),
      );
    }
    if (entry.state === "error" || entry.state === "conflict") {
      const title =
        entry.state === "error"
          ? "Refusée par le serveur — corrigez-la, elle reste sur ce téléphone :"
          : "Conflit : un collègue a enregistré entre-temps. Rien n'a été écrasé.";
      const box = el("div", { class: "alert alert-danger py-2 my-2", role: "alert" });
      box.append(el("div", { class: "fw-semibold", text: title }));
      const list = el("ul", { class: "mb-0" });
      for (const message of entry.errors || []) list.append(el("li", { text: message }));
      box.append(list);
      item.append(box);
      const table = conflictTable(entry);
      if (table) item.append(table);
    }
    const actions = el("div", { class: "d-flex flex-wrap gap-2" });
    if (entry.state === "error" && entry.kind === "saisie") {
      actions.append(
        el("a", {
          class: "btn btn-sm btn-primary",
          href: `/prevention/saisie/#corriger-${entry.uuid}`,
          "data-offline-correct": entry.uuid,
          text: "Corriger",
        }),
      );
    }
    if ((entry.state === "error" && entry.kind === "appel") || entry.state === "unsure") {
      actions.append(
        el("button", {
          type: "button",
          class: "btn btn-sm btn-primary",
          "data-offline-retry": entry.uuid,
          text: "Envoyer à nouveau",
        }),
      );
    }
    if (entry.state === "conflict") {
      actions.append(
        el("button", {
          type: "button",
          class: "btn btn-sm btn-primary",
          "data-offline-keep-theirs": entry.uuid,
          text: "Garder la version du collègue",
        }),
        el("button", {
          type: "button",
          class: "btn btn-sm btn-outline-danger",
          "data-offline-apply-mine": entry.uuid,
          text: "Remplacer par la mienne",
        }),
      );
    }
    if (entry.state !== "conflict") {
      actions.append(
        el("button", {
          type: "button",
          class: "btn btn-sm btn-outline-danger",
          "data-offline-discard": entry.uuid,
          text: "Supprimer du téléphone",
        }),
      );
    }
    item.append(actions);
    return item;
  }

  async function render() {
    if (!status || user === null) return;
    const mine = await Q.entries(user);
    const pending = mine.filter((entry) => entry.state === "pending").length;
    const unsure = mine.filter((entry) => entry.state === "unsure").length;
    const refused = mine.length - pending - unsure;
    const offline = !navigator.onLine;
    status.hidden = mine.length === 0 && !offline;
    document.getElementById("offline-network").hidden = !offline;
    const count = document.getElementById("offline-count");
    const words = [];
    if (pending) words.push(`${plural(pending, "saisie")} en attente d'envoi`);
    if (refused) words.push(`${plural(refused, "saisie")} à corriger`);
    if (unsure) words.push(`${plural(unsure, "saisie")} à vérifier`);
    count.textContent = words.length
      ? words.join(" · ")
      : "Vos saisies sont gardées sur ce téléphone jusqu'au retour du réseau.";
    count.dataset.pending = String(pending);
    status.querySelector("[data-offline-send]").hidden = pending === 0;
    status.querySelector("[data-offline-toggle]").hidden = mine.length === 0;
    const list = document.getElementById("offline-list");
    list.replaceChildren(...mine.map(entryItem));
    if (refused || unsure) list.hidden = false;
    const last = await Q.kept("lastSync");
    const note = document.getElementById("offline-note");
    note.textContent =
      last && last.stopped === "session" && pending
        ? "Session expirée : reconnectez-vous (même compte) pour envoyer."
        : "";
    await renderReceipts();
  }

  async function renderReceipts() {
    const box = document.getElementById("offline-receipts");
    if (!box) return;
    const receipts = (await Q.kept("receipts")) || [];
    box.replaceChildren(
      ...receipts.map((receipt) => {
        const alert = el("div", {
          class: `alert ${receipt.warnings.length ? "alert-warning" : "alert-success"} py-2 mb-2`,
          role: "status",
          "data-offline-receipt": receipt.uuid,
        });
        alert.append(el("div", { text: receipt.message }));
        for (const warning of receipt.warnings) alert.append(el("div", { class: "small", text: warning }));
        alert.append(
          el("button", {
            type: "button",
            class: "btn btn-sm btn-outline-secondary mt-1",
            "data-offline-dismiss": receipt.uuid,
            text: "OK",
          }),
        );
        return alert;
      }),
    );
  }

  async function send() {
    if (sending || user === null) return;
    sending = true;
    try {
      await Q.keep("session", { user, csrf: csrfToken() });
      await Q.syncAll();
    } finally {
      sending = false;
      await render();
    }
  }

  document.addEventListener("click", async (event) => {
    const target = event.target.closest(
      "[data-offline-send], [data-offline-toggle], [data-offline-discard], [data-offline-dismiss], [data-offline-retry], [data-offline-keep-theirs], [data-offline-apply-mine], [data-offline-correct]",
    );
    if (!target) return;
    if (target.matches("[data-offline-send]")) return send();
    if (target.matches("[data-offline-toggle]")) {
      const list = document.getElementById("offline-list");
      list.hidden = !list.hidden;
      target.setAttribute("aria-expanded", String(!list.hidden));
      return;
    }
    if (target.matches("[data-offline-dismiss]")) {
      const receipts = ((await Q.kept("receipts")) || []).filter(
        (receipt) => receipt.uuid !== target.dataset.offlineDismiss,
      );
      await Q.keep("receipts", receipts);
      return renderReceipts();
    }
    if (target.matches("[data-offline-discard]")) {
      if (!window.confirm("Supprimer cette saisie du téléphone ? Elle ne sera jamais envoyée.")) return;
      await Q.remove(target.dataset.offlineDiscard);
      return render();
    }
    if (target.matches("[data-offline-keep-theirs]")) {
      // The colleague's version stays; this phone's version is dropped, on the user's word.
      await Q.remove(target.dataset.offlineKeepTheirs);
      return render();
    }
    if (target.matches("[data-offline-apply-mine]")) {
      // Sent again over the version now read, on the user's explicit choice.
      const entry = await Q.getEntry(target.dataset.offlineApplyMine);
      if (!entry) return;
      const version = entry.conflict ? entry.conflict.version : undefined;
      await Q.put({
        ...entry,
        uuid: Q.newUuid(),
        state: "pending",
        errors: [],
        conflict: null,
        payload: { ...entry.payload, version },
      });
      await Q.remove(entry.uuid);
      return send();
    }
    if (target.matches("[data-offline-retry]")) {
      const entry = await Q.getEntry(target.dataset.offlineRetry);
      if (entry) await Q.put({ ...entry, state: "pending", errors: [] });
      return send();
    }
    if (target.matches("[data-offline-correct]") && quickEntry()) {
      event.preventDefault();
      return correct(target.dataset.offlineCorrect);
    }
  });

  window.addEventListener("online", () => {
    render();
    send();
  });
  window.addEventListener("offline", () => render());
  try {
    new BroadcastChannel(Q.channelName).addEventListener("message", () => render());
  } catch (error) {
    // Without BroadcastChannel the page refreshes on its own events.
  }

  // ------------------------------------------------------------------------------------------
  // Quick entry without network
  // ------------------------------------------------------------------------------------------

  function quickEntry() {
    return document.getElementById("quick-entry");
  }

  function number(value) {
    return value ? Number(value) : null;
  }

  function hoursTotal(values) {
    let total = 0;
    for (const raw of values) {
      const text = (raw || "").trim().toLowerCase().replace(",", ".");
      if (!text) continue;
      const match = text.match(/^(\d+)\s*(?:h|:)\s*(\d{1,2})?$/);
      const hours = match ? Number(match[1]) + Number(match[2] || 0) / 60 : Number(text);
      if (!Number.isFinite(hours)) return null;
      total += hours;
    }
    return Math.round(total * 100) / 100;
  }

  function chip(label, input) {
    const node = el("span", {
      class: "badge rounded-pill text-bg-primary d-inline-flex align-items-center gap-1 py-2 px-3 youth-chip",
    });
    node.append(input, el("span", { class: "youth-chip-label", text: label }));
    node.append(
      el("button", {
        type: "button",
        class: "btn-close btn-close-white ms-1",
        "aria-label": `Retirer ${label}`,
        "data-remove-chip": "",
      }),
    );
    return node;
  }

  function knownChip(id, pseudonym) {
    return chip(pseudonym, el("input", { type: "hidden", name: "youths", value: String(id) }));
  }

  function newYouthChip(youth) {
    return chip(
      `${youth.pseudonym} (nouveau)`,
      el("input", { type: "hidden", name: "offline_new_youth", value: JSON.stringify(youth) }),
    );
  }

  function chipLabel(input) {
    const holder = input.closest(".youth-chip");
    const label = holder && holder.querySelector(".youth-chip-label");
    return (label ? label.textContent : holder ? holder.textContent : "").trim();
  }

  function formMessage(form, text, kind = "info") {
    form.querySelectorAll(".offline-message, .alert").forEach((node) => node.remove());
    form.prepend(el("div", { class: `alert alert-${kind} offline-message`, role: "status", text }));
  }

  // A fresh idempotency key for the form: at each load and after each entry kept on the phone.
  function renewKey(form) {
    const key = form.elements.namedItem("client_uuid");
    if (key) key.value = Q.newUuid();
  }

  // `unsure`: the form was posted and the connection broke before the answer; the server may
  // have it. The entry keeps the form's key (client_uuid): sent again, the server answers
  // « déjà reçue » if it had it, and nothing is recorded twice.
  async function queueQuickEntry(form, unsure = false) {
    const data = new FormData(form);
    const hours = {};
    for (const [name, value] of data.entries()) {
      if (name.startsWith("hours_") && name !== "hours_online") hours[name.slice(6)] = String(value);
    }
    const youthInputs = [...form.querySelectorAll("input[name='youths']")];
    // New youths: those added offline, and those the online form offered before the network
    // went (JSON chips « new_youths », the same fields).
    const newInputs = [
      ...form.querySelectorAll("input[name='offline_new_youth'], input[name='new_youths']"),
    ];
    const payload = {
      dispositif: number(data.get("dispositif")),
      date: data.get("date"),
      commune: number(data.get("commune")),
      quartier: number(data.get("quartier")),
      mode: data.get("mode"),
      hours,
      hours_online: String(data.get("hours_online") || ""),
      youths: youthInputs.map((input) => Number(input.value)),
      new_youths: newInputs.map((input) => JSON.parse(input.value)),
    };
    const total = hoursTotal([...Object.values(hours), payload.hours_online]);
    if (!payload.youths.length && !payload.new_youths.length && !total) {
      formMessage(form, "Saisissez au moins des heures ou un jeune rencontré.", "danger");
      return;
    }
    const names = {};
    youthInputs.forEach((input) => (names[input.value] = chipLabel(input)));
    const [year, month, day] = (payload.date || "").split("-");
    const key = form.elements.namedItem("client_uuid");
    const uuid = form.dataset.offlineUuid || (unsure && key && key.value) || Q.newUuid();
    await Q.put({
      uuid,
      kind: "saisie",
      user,
      created: Date.now(),
      state: "pending",
      errors: [],
      payload,
      display: {
        date: day ? `${day}/${month}/${year}` : "",
        hours: total === null ? "" : String(total).replace(".", ","),
        youths: [...youthInputs.map(chipLabel), ...newInputs.map(chipLabel)],
        names,
      },
    });
    delete form.dataset.offlineUuid;
    renewKey(form);
    // A fresh form for the next entry, with the same day, place and dispositif.
    form.querySelectorAll(".hours-input, input[name^='hours_']").forEach((input) => (input.value = ""));
    form.querySelectorAll(".youth-chip").forEach((node) => node.remove());
    const search = document.getElementById("youth-search");
    if (search) search.value = "";
    const results = document.getElementById("youth-results");
    if (results) results.replaceChildren();
    formMessage(
      form,
      unsure
        ? "La connexion a coupé pendant l'envoi : la saisie est gardée sur ce téléphone et repartira seule. Si le serveur l'avait déjà reçue, elle ne sera pas enregistrée deux fois."
        : "Enregistrée sur ce téléphone : en attente d'envoi. Elle partira dès le retour du réseau.",
      unsure ? "warning" : "info",
    );
    await askBackgroundSync();
    await render();
    if (navigator.onLine) await send();
  }

  async function correct(uuid) {
    const form = quickEntry();
    const entry = await Q.getEntry(uuid);
    if (!form || !entry) return;
    const p = entry.payload;
    const setValue = (name, value) => {
      const field = form.elements.namedItem(name);
      if (field && "value" in field) field.value = value == null ? "" : String(value);
    };
    setValue("dispositif", p.dispositif);
    setValue("date", p.date);
    setValue("commune", p.commune);
    setValue("quartier", p.quartier);
    setValue("mode", p.mode);
    for (const [activity, value] of Object.entries(p.hours || {})) setValue(`hours_${activity}`, value);
    setValue("hours_online", p.hours_online);
    const chips = document.getElementById("selected-youths");
    chips.querySelectorAll(".youth-chip").forEach((node) => node.remove());
    const names = (entry.display && entry.display.names) || {};
    p.youths.forEach((id) => chips.append(knownChip(id, names[id] || `n° ${id}`)));
    p.new_youths.forEach((youth) => chips.append(newYouthChip(youth)));
    form.dataset.offlineUuid = uuid;
    formMessage(
      form,
      `Correction de la saisie du ${entry.display.date} : ${entry.errors.join(" ")} Enregistrez pour l'envoyer à nouveau.`,
      "warning",
    );
    form.scrollIntoView();
  }

  async function offlineYouths() {
    return (await Q.kept("youths")) || [];
  }

  async function refreshYouths() {
    if (!navigator.onLine || !quickEntry()) return;
    const at = await Q.keptAt("youths");
    if (at && Date.now() - at < YOUTHS_REFRESH_SECONDS * 1000) return;
    try {
      const response = await fetch(YOUTHS_URL, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (response.ok) await Q.keep("youths", (await response.json()).youths);
    } catch (error) {
      // Offline: the list kept earlier (if any) serves.
    }
  }

  async function searchOffline(text) {
    const results = document.getElementById("youth-results");
    if (!results) return;
    const key = searchKey(text);
    if (key.length < 2) return results.replaceChildren();
    const found = (await offlineYouths())
      .filter((youth) => searchKey(youth.pseudonym).includes(key))
      .slice(0, 8);
    if (!found.length) {
      results.replaceChildren(
        el("div", {
          class: "list-group-item small text-body-secondary",
          text: `Aucun jeune « ${text} » parmi ceux gardés sur ce téléphone : créez-le ci-dessous.`,
        }),
      );
      return;
    }
    results.replaceChildren(
      ...found.map((youth) => {
        const button = el("button", {
          type: "button",
          class: "list-group-item list-group-item-action d-flex justify-content-between",
          "data-offline-youth": String(youth.id),
          "data-offline-pseudonym": youth.pseudonym,
        });
        const details = [youth.age != null ? `${youth.age} ans` : "", youth.commune]
          .filter(Boolean)
          .join(" · ");
        button.append(
          el("span", { text: youth.pseudonym }),
          el("span", { class: "small text-body-secondary", text: `${details} + ajouter` }),
        );
        return button;
      }),
    );
  }

  function setUpQuickEntry() {
    // Captured before htmx sees the event: offline, nothing is posted, the entry is queued.
    document.addEventListener(
      "submit",
      (event) => {
        const form = event.target;
        if (form.id !== "quick-entry") return;
        // Back online with youths added offline: the entry still goes through the queue, which
        // creates them with it.
        const queued = form.dataset.offlineUuid || form.querySelector("input[name='offline_new_youth']");
        if (navigator.onLine && !queued) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        queueQuickEntry(form);
      },
      true,
    );
    // Offline, htmx's requests of the quick entry (search, new youth) would fail: not sent.
    document.addEventListener("htmx:beforeRequest", (event) => {
      if (!navigator.onLine && event.target.closest && event.target.closest("#quick-entry")) {
        event.preventDefault();
      }
    });
    // A request that finds no network although the phone says it has one: the entry is
    // kept on the phone all the same.
    document.addEventListener("htmx:sendError", (event) => {
      if (event.target && event.target.id === "quick-entry") queueQuickEntry(event.target, true);
    });
    document.addEventListener("input", (event) => {
      if (event.target.id === "youth-search" && !navigator.onLine) searchOffline(event.target.value);
    });
    document.addEventListener(
      "click",
      (event) => {
        const found = event.target.closest("[data-offline-youth]");
        if (found) {
          const chips = document.getElementById("selected-youths");
          const id = found.dataset.offlineYouth;
          if (!chips.querySelector(`input[name='youths'][value='${CSS.escape(id)}']`)) {
            chips.append(knownChip(Number(id), found.dataset.offlinePseudonym));
          }
          document.getElementById("youth-search").value = "";
          document.getElementById("youth-results").replaceChildren();
          return;
        }
        // « Créer et ajouter » offline: the youth is created with the entry when it is sent.
        const create = event.target.closest("#new-youth button, #new-youth-box button");
        if (!create || navigator.onLine) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        const pseudonym = document.getElementById("id_new-pseudonym");
        const sex = document.getElementById("id_new-sex");
        const age = document.getElementById("id_new-age");
        if (!pseudonym || !pseudonym.value.trim()) {
          if (pseudonym) pseudonym.classList.add("is-invalid");
          return;
        }
        pseudonym.classList.remove("is-invalid");
        const youth = { pseudonym: pseudonym.value.trim(), sex: sex ? sex.value : "NR" };
        if (age && age.value) youth.age = Number(age.value);
        document.getElementById("selected-youths").append(newYouthChip(youth));
        pseudonym.value = "";
        if (age) age.value = "";
      },
      true,
    );
    // A page kept from an earlier day shows that day: offline, the entry is for today.
    const date = quickEntry().elements.namedItem("date");
    if (!navigator.onLine && date && date.value && date.value < localToday()) date.value = localToday();
    const match = location.hash.match(/^#corriger-(.+)$/);
    if (match) correct(match[1]);
  }

  // ------------------------------------------------------------------------------------------
  // Roll call without network
  // ------------------------------------------------------------------------------------------

  function rollCall() {
    return document.querySelector("form[data-offline-roll-call]");
  }

  async function queueRollCall(form) {
    const statuses = {};
    const rows = [];
    for (const input of form.querySelectorAll("input[type='radio']:checked")) {
      const match = input.name.match(/^e(\d+)$/);
      if (!match) continue;
      statuses[match[1]] = input.value;
      const group = input.closest("[role='group']");
      const label = form.querySelector(`label[for="${CSS.escape(input.id)}"]`);
      rows.push({
        label: group ? (group.getAttribute("aria-label") || "").replace(/^Présence de /, "") : "",
        status: label ? label.textContent.trim() : input.value,
      });
    }
    // The roll call is taken the day of the session. A page kept from an earlier day did not
    // see today's session: no version, so a session saved today by a colleague is a conflict.
    const date = localToday();
    const version = form.dataset.offlineDate === date ? form.querySelector("input[name='version']") : null;
    const [year, month, day] = date.split("-");
    const heading = document.querySelector("main h1");
    await Q.put({
      uuid: Q.newUuid(),
      kind: "appel",
      user,
      created: Date.now(),
      state: "pending",
      errors: [],
      payload: {
        programme: Number(form.dataset.offlineRollCall),
        date,
        version: version && version.value ? Number(version.value) : null,
        start_time: form.elements.namedItem("start_time").value,
        end_time: form.elements.namedItem("end_time").value,
        statuses,
      },
      display: { date: `${day}/${month}/${year}`, title: heading ? heading.textContent.trim() : "", rows },
    });
    formMessage(form, "Appel enregistré sur ce téléphone : en attente d'envoi. Il partira dès le retour du réseau.");
    await askBackgroundSync();
    await render();
    if (navigator.onLine) await send();
  }

  function setUpRollCall() {
    document.addEventListener(
      "submit",
      (event) => {
        const form = event.target;
        if (!form.matches("form[data-offline-roll-call]") || navigator.onLine) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        queueRollCall(form);
      },
      true,
    );
  }

  // ------------------------------------------------------------------------------------------
  // Logout and session end: the phone forgets
  // ------------------------------------------------------------------------------------------

  document.addEventListener(
    "submit",
    async (event) => {
      const form = event.target;
      if (!form.matches("form[action='/deconnexion/']") || form.dataset.offlineChecked) return;
      event.preventDefault();
      if (navigator.onLine) await send();
      const left = user === null ? [] : await Q.entries(user);
      if (
        left.length &&
        !window.confirm(
          `${plural(left.length, "saisie")} de ce téléphone ${left.length > 1 ? "ne sont pas envoyées" : "n'est pas envoyée"} : elles seront effacées. Se déconnecter quand même ?`,
        )
      ) {
        return;
      }
      await Q.forgetAll();
      form.dataset.offlineChecked = "1";
      form.submit();
    },
    true,
  );

  async function start() {
    if (user === null) {
      // Signed out (logout or session expired): what was kept for offline use goes. The
      // entries not sent stay for their author, who sends them after signing in again.
      await Q.forgetKept();
      return;
    }
    await Q.keep("session", { user, csrf: csrfToken() });
    await registerWorker();
    if (quickEntry()) setUpQuickEntry();
    if (rollCall()) setUpRollCall();
    await render();
    await cacheThisPage();
    await refreshYouths();
    if (navigator.onLine) await send();
  }

  start();
})();
