#!/usr/bin/env bash
# Installs everything the tests need (Python packages, Debian packages) and runs them.
set -euo pipefail
cd "$(dirname "$0")/.."
export GRADIO_ANALYTICS_ENABLED=False ANONYMIZED_TELEMETRY=False HF_HUB_OFFLINE=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# chromium for the browser tests; LibreOffice, antiword, Tesseract (Vietnamese), poppler and a Vietnamese-capable
# font for the office-format tests, which build their .doc and scanned-PDF fixtures with the real tools
bash scripts/debian_packages.sh chromium libreoffice-writer-nogui antiword tesseract-ocr tesseract-ocr-vie \
  poppler-utils fonts-dejavu-core fonts-liberation2
python -m pip install -q -r requirements-dev.txt
python -m pytest -q -p no:cacheprovider "$@"
