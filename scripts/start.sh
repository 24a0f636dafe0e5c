#!/usr/bin/env bash
# Installs the runtime and starts the chat page on http://127.0.0.1:7860 (ingesting corpus/ first when there is no index).
# Every step says what it is doing; arguments go to app.py (e.g. --port 7861, --data-dir /srv/rag).
set -euo pipefail
cd "$(dirname "$0")/.."
export GRADIO_ANALYTICS_ENABLED=False ANONYMIZED_TELEMETRY=False HF_HUB_OFFLINE=1 PIP_DISABLE_PIP_VERSION_CHECK=1
say() { printf '[start.sh] %s\n' "$*" >&2; }
say "1/3 Installing the Debian packages for .doc conversion and OCR of scanned PDFs (skipped when already installed)..."
bash scripts/debian_packages.sh libreoffice-writer-nogui antiword tesseract-ocr tesseract-ocr-vie poppler-utils
say "2/3 Installing the Python packages in requirements.txt with $(python --version 2>&1) (the first run downloads them: several minutes; later runs take seconds)..."
python -m pip install -q -r requirements.txt
say "    packages ready."
say "3/3 Starting the page: python app.py $* (it ingests corpus/ first when the data folder has no index, then prints the address it serves)..."
exec python app.py "$@"
