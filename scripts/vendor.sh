#!/usr/bin/env bash
# Refreshes static/vendor/ from the npm registry (Bootstrap, htmx, and axe-core for the
# accessibility checks of the browser tests). Versions are pinned here;
# update static/vendor/README.md with them.
set -euo pipefail
BOOTSTRAP=5.3.9
HTMX=2.0.11
AXE=4.14.1
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
cp a/package/axe.min.js a/package/LICENSE a/package/LICENSE-3RD-PARTY.txt "$dest/axe-core/"
echo "static/vendor/ mis à jour (Bootstrap $BOOTSTRAP, htmx $HTMX, axe-core $AXE)"
