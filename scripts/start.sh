#!/usr/bin/env bash
# Installs the runtime and starts the chat page on http://127.0.0.1:7860 (ingesting corpus/ first when there is no index).
set -euo pipefail
cd "$(dirname "$0")/.."
export GRADIO_ANALYTICS_ENABLED=False ANONYMIZED_TELEMETRY=False HF_HUB_OFFLINE=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# .doc conversion and OCR of scanned PDFs (skipped when already installed)
bash scripts/debian_packages.sh libreoffice-writer-nogui antiword tesseract-ocr tesseract-ocr-vie poppler-utils
python -m pip install -q -r requirements.txt
exec python app.py "$@"
