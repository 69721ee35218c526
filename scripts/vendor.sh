#!/usr/bin/env bash
# Refreshes static/vendor/ from the npm registry (Bootstrap, htmx, Workbox, idb-keyval, and
# axe-core for the accessibility checks of the browser tests). Versions are pinned here; update
# static/vendor/README.md with them.
set -euo pipefail
BOOTSTRAP=5.3.9
HTMX=2.0.11
WORKBOX=7.4.1
IDB_KEYVAL=6.3.0
AXE=4.14.1
# The Workbox modules the service worker imports (static/js/sw.js), in dependency order.
WORKBOX_MODULES="core routing strategies expiration cacheable-response"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
cd "$work"
npm pack "bootstrap@$BOOTSTRAP" "htmx.org@$HTMX" "axe-core@$AXE" --silent
mkdir b h a
tar xzf "bootstrap-$BOOTSTRAP.tgz" -C b
tar xzf "htmx.org-$HTMX.tgz" -C h
tar xzf "axe-core-$AXE.tgz" -C a
dest="$root/static/vendor"
mkdir -p "$dest/bootstrap" "$dest/htmx" "$dest/axe-core"
cp b/package/dist/css/bootstrap.min.css b/package/dist/css/bootstrap.min.css.map \
   b/package/dist/js/bootstrap.bundle.min.js b/package/dist/js/bootstrap.bundle.min.js.map \
   b/package/LICENSE "$dest/bootstrap/"
cp h/package/dist/htmx.min.js h/package/LICENSE "$dest/htmx/"
for module in $WORKBOX_MODULES; do
  npm pack "workbox-$module@$WORKBOX" --silent
  mkdir "w-$module"
  tar xzf "workbox-$module-$WORKBOX.tgz" -C "w-$module"
done
npm pack "idb-keyval@$IDB_KEYVAL" --silent
mkdir k
tar xzf "idb-keyval-$IDB_KEYVAL.tgz" -C k
mkdir -p "$dest/workbox" "$dest/idb-keyval"
for module in $WORKBOX_MODULES; do
  cp "w-$module/package/build/workbox-$module.prod.js" \
     "w-$module/package/build/workbox-$module.prod.js.map" "$dest/workbox/"
done
cp w-core/package/LICENSE "$dest/workbox/"
cp k/package/dist/umd.js "$dest/idb-keyval/idb-keyval.umd.js"
cp k/package/LICENCE "$dest/idb-keyval/LICENSE"
cp a/package/axe.min.js a/package/LICENSE a/package/LICENSE-3RD-PARTY.txt "$dest/axe-core/"
echo "static/vendor/ mis à jour (Bootstrap $BOOTSTRAP, htmx $HTMX, Workbox $WORKBOX, idb-keyval $IDB_KEYVAL, axe-core $AXE)"
