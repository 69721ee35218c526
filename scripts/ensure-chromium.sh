#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the Playwright tests (Playwright cannot download a
# browser on our machines: it drives /usr/bin/chromium).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "Chromium est absent : installation du paquet Debian 'chromium'…"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "ERREUR : /usr/bin/chromium manque et il faut être root pour l'installer (apt-get install chromium)." >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
test -x /usr/bin/chromium
