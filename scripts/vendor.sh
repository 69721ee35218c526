#!/usr/bin/env bash
# Refreshes static/vendor/ from the npm registry (Bootstrap and htmx). Versions are pinned here;
# update static/vendor/README.md with them.
set -euo pipefail
BOOTSTRAP=5.3.9
HTMX=2.0.11
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
cd "$work"
npm pack "bootstrap@$BOOTSTRAP" "htmx.org@$HTMX" --silent
mkdir b h
tar xzf "bootstrap-$BOOTSTRAP.tgz" -C b
tar xzf "htmx.org-$HTMX.tgz" -C h
dest="$root/static/vendor"
mkdir -p "$dest/bootstrap" "$dest/htmx"
cp b/package/dist/css/bootstrap.min.css b/package/dist/css/bootstrap.min.css.map \
   b/package/dist/js/bootstrap.bundle.min.js b/package/dist/js/bootstrap.bundle.min.js.map \
   b/package/LICENSE "$dest/bootstrap/"
cp h/package/dist/htmx.min.js h/package/LICENSE "$dest/htmx/"
echo "static/vendor/ mis à jour (Bootstrap $BOOTSTRAP, htmx $HTMX)"
