// RL Portal — what the service worker does (imported by /sw.js, after Workbox and the queue).
// Caching is Workbox's; the queue and its sending are RLOffline's (static/js/offline-queue.js),
// shared with the pages.
/* global workbox, RLOffline */
"use strict";

const { registerRoute } = workbox.routing;
const { NetworkFirst, StaleWhileRevalidate } = workbox.strategies;
const { ExpirationPlugin } = workbox.expiration;
const { CacheableResponsePlugin } = workbox.cacheableResponse;

const SHELL_CACHE = "rl-shell";

// The page shown for any other page while offline, kept at installation (no personal data).
self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) => cache.add(self.RL_OFFLINE_FALLBACK)),
  );
});
self.skipWaiting();
workbox.core.clientsClaim();

// A page is kept only as the signed-in user saw it: never the login page a redirect led to.
const onlyThePageItself = {
  cacheWillUpdate: async ({ response }) =>
    response && response.status === 200 && !response.redirected ? response : null,
};

// The quick entry and the roll call: from the network when there is one (fresh CSRF token,
// fresh lists), from the cache otherwise. Kept 12 hours at most (a session's longest life).
registerRoute(
  ({ request, url }) =>
    request.mode === "navigate" &&
    url.origin === self.location.origin &&
    self.RL_OFFLINE_PAGES.some((pattern) => pattern.test(url.pathname)),
  new NetworkFirst({
    cacheName: RLOffline.PAGES_CACHE,
    // A slow network in a stairwell: after 10 s, the kept page.
    networkTimeoutSeconds: 10,
    plugins: [
      onlyThePageItself,
      new ExpirationPlugin({ maxEntries: 20, maxAgeSeconds: RLOffline.KEPT_MAX_AGE_SECONDS }),
    ],
  }),
);

// The installed app opens on /app/, which redirects to the user's entry page; offline, the
// quick entry (or else a roll call) kept in the cache is shown instead.
registerRoute(
  ({ request, url }) =>
    request.mode === "navigate" && url.origin === self.location.origin && url.pathname === "/app/",
  async ({ request }) => {
    try {
      return await fetch(request);
    } catch (error) {
      const cache = await caches.open(RLOffline.PAGES_CACHE);
      const keys = await cache.keys();
      const kept =
        keys.find((key) => new URL(key.url).pathname === "/prevention/saisie/") || keys[0];
      return (kept && (await cache.match(kept))) || Response.error();
    }
  },
);

// Any other page: from the network; offline, the « Hors ligne » page that leads to those that
// work without network.
registerRoute(
  ({ request, url }) => request.mode === "navigate" && url.origin === self.location.origin,
  async ({ request }) => {
    try {
      return await fetch(request);
    } catch (error) {
      return (await caches.match(self.RL_OFFLINE_FALLBACK)) || Response.error();
    }
  },
);

// Styles, scripts and icons: served at once from the cache, refreshed behind.
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname.startsWith("/static/"),
  new StaleWhileRevalidate({
    cacheName: RLOffline.STATIC_CACHE,
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }),
      new ExpirationPlugin({ maxEntries: 80 }),
    ],
  }),
);

// Background Sync: the browser wakes the worker when the network is back, even with the app
// closed; the queue is sent as the pages send it (once per entry: the server knows each UUID).
self.addEventListener("sync", (event) => {
  if (event.tag === RLOffline.SYNC_TAG) {
    event.waitUntil(RLOffline.syncAll());
  }
});
