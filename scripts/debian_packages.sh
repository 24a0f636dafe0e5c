#!/usr/bin/env bash
# Installs the Debian packages given as arguments that are not installed yet (apt-get update first); used by
# start.sh and test.sh. Reading office files needs: libreoffice-writer-nogui or antiword (.doc), tesseract-ocr +
# tesseract-ocr-vie + poppler-utils (scanned PDFs).
set -euo pipefail
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${missing[*]}" >&2
sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo"
$sudo_ apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
