{% load static %}// RL Portal — service worker, rendered by rl_portal.offline.service_worker (served at /sw.js so
// that its scope is the whole site). The same script for everyone: no personal data here.
self.RL_OFFLINE_FALLBACK = "{{ fallback|escapejs }}";
self.RL_OFFLINE_PAGES = [{% for pattern in offline_pages %}new RegExp("{{ pattern|escapejs }}"), {% endfor %}];
importScripts(
  "{% static 'vendor/workbox/workbox-core.prod.js' %}",
  "{% static 'vendor/workbox/workbox-routing.prod.js' %}",
  "{% static 'vendor/workbox/workbox-strategies.prod.js' %}",
  "{% static 'vendor/workbox/workbox-expiration.prod.js' %}",
  "{% static 'vendor/workbox/workbox-cacheable-response.prod.js' %}",
  "{% static 'vendor/idb-keyval/idb-keyval.umd.js' %}",
  "{% static 'js/offline-queue.js' %}",
  "{% static 'js/sw-main.js' %}"
);
