// RL Portal — the phone's offline queue, shared by the pages (offline.js) and the service worker
// (sw-main.js). Entries typed without network wait in IndexedDB (idb-keyval) under a UUID drawn
// when they are typed; the server writes each UUID once, so sending again is always safe.
// An entry leaves the phone only when the server has it (or when the user discards it); a
// refused one stays, with the server's French reasons, for correction.
/* global idbKeyval */
(function (scope) {
  "use strict";
  const { createStore, get, set, del, values, clear } = scope.idbKeyval;
  // Two databases: the queue (what the user typed, kept until sent) and what is kept for
  // offline use (the session's token, the youths for the search, the answers to show), which
  // goes at logout, at session expiry and after 12 hours.
  const queueStore = createStore("rl-offline-queue", "entries");
  const keptStore = createStore("rl-offline-kept", "values");
  const KEPT_MAX_AGE_SECONDS = 12 * 3600;
  const ENDPOINTS = {
    saisie: "/api/v1/prevention/quick-entries/",
    appel: "/api/v1/scolaire/roll-calls/",
  };
  const channelName = "rl-offline";

  function notify() {
    try {
      const channel = new BroadcastChannel(channelName);
      channel.postMessage("changed");
      channel.close();
    } catch (error) {
      // No BroadcastChannel: the pages refresh on their own events.
    }
  }

  function newUuid() {
    if (scope.crypto && scope.crypto.randomUUID) return scope.crypto.randomUUID();
    const bytes = scope.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  async function entries(user) {
    const all = (await values(queueStore)) || [];
    return all
      .filter((entry) => user === undefined || entry.user === user)
      .sort((a, b) => a.created - b.created);
  }

  async function getEntry(uuid) {
    return get(uuid, queueStore);
  }

  async function put(entry) {
    await set(entry.uuid, entry, queueStore);
    notify();
  }

  async function remove(uuid) {
    await del(uuid, queueStore);
    notify();
  }

  async function keep(key, value) {
    await set(key, { at: Date.now(), value }, keptStore);
  }

  async function kept(key, maxAgeSeconds = KEPT_MAX_AGE_SECONDS) {
    const item = await get(key, keptStore);
    if (!item) return null;
    if (Date.now() - item.at > maxAgeSeconds * 1000) {
      await del(key, keptStore);
      return null;
    }
    return item.value;
  }

  async function keptAt(key) {
    const item = await get(key, keptStore);
    return item ? item.at : null;
  }

  // Everything kept for offline use, and the cached pages (which show the user's name).
  async function forgetKept() {
    await clear(keptStore);
    if (scope.caches) {
      await Promise.all([PAGES_CACHE, STATIC_CACHE].map((name) => scope.caches.delete(name)));
    }
    notify();
  }

  async function forgetAll() {
    await clear(queueStore);
    await forgetKept();
  }

  function messagesOf(body) {
    // DRF's errors: {"field": ["message"]}, {"detail": "message"}, ["message"]…
    const found = [];
    const walk = (value) => {
      if (value == null) return;
      if (typeof value === "string") found.push(value);
      else if (Array.isArray(value)) value.forEach(walk);
      else if (typeof value === "object") Object.values(value).forEach(walk);
    };
    walk(body);
    return found;
  }

  async function addReceipt(uuid, body) {
    const receipts = (await kept("receipts")) || [];
    receipts.push({ uuid, message: body.message, warnings: body.warnings || [] });
    await keep("receipts", receipts.slice(-20));
  }

  // Sends one entry. Returns "sent", "error" (refused: kept with the reasons), "conflict"
  // (someone else changed the record: kept with both versions), "session" (signed out) or
  // "offline" (no answer: kept as it was, sent again later).
  async function sendOne(entry, csrfToken) {
    let response;
    try {
      response = await fetch(ENDPOINTS[entry.kind], {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRFToken": csrfToken || "",
        },
        body: JSON.stringify({ ...entry.payload, client_uuid: entry.uuid }),
      });
    } catch (error) {
      return "offline";
    }
    let body = {};
    try {
      body = await response.json();
    } catch (error) {
      body = {};
    }
    if (response.status === 200 || response.status === 201) {
      // Sent: nothing of it stays in the queue; the answer is shown once.
      await remove(entry.uuid);
      await addReceipt(entry.uuid, body);
      return "sent";
    }
    if (response.status === 409) {
      await put({ ...entry, state: "conflict", errors: messagesOf(body.detail), conflict: body });
      return "conflict";
    }
    if (response.status === 400 || response.status === 404) {
      await put({ ...entry, state: "error", errors: messagesOf(body) });
      return "error";
    }
    if (response.status === 401 || response.status === 403) return "session";
    return "offline";
  }

  // Sends the signed-in user's waiting entries, one sender at a time (pages and service worker
  // share a lock). Entries refused or in conflict wait for the user.
  async function syncAll() {
    const run = async () => {
      const session = await kept("session");
      const summary = { sent: 0, error: 0, conflict: 0, stopped: null };
      if (!session) return summary;
      for (const entry of await entries(session.user)) {
        if (entry.state !== "pending") continue;
        const outcome = await sendOne(entry, session.csrf);
        if (outcome === "sent") summary.sent += 1;
        else if (outcome === "error") summary.error += 1;
        else if (outcome === "conflict") summary.conflict += 1;
        else {
          summary.stopped = outcome;
          break;
        }
      }
      await keep("lastSync", summary);
      notify();
      return summary;
    };
    if (scope.navigator && scope.navigator.locks) {
      return scope.navigator.locks.request("rl-offline-sync", run);
    }
    return run();
  }

  const PAGES_CACHE = "rl-pages";
  const STATIC_CACHE = "rl-static";

  scope.RLOffline = {
    PAGES_CACHE,
    STATIC_CACHE,
    KEPT_MAX_AGE_SECONDS,
    SYNC_TAG: "rl-offline-queue",
    channelName,
    newUuid,
    entries,
    getEntry,
    put,
    remove,
    keep,
    kept,
    keptAt,
    forgetKept,
    forgetAll,
    syncAll,
  };
})(self);
