#!/bin/sh
# Rebuilds the generated PDF fixtures and their poppler expectations.
# Development time only. Needs (Debian): libreoffice-writer-nogui
# fonts-noto-cjk fonts-wqy-zenhei chromium qpdf poppler-utils poppler-data.
set -eu
cd "$(dirname "$0")/../.."
F=tests/fixtures/pdf
T=$(mktemp -d)

# LibreOffice (Writer, not Writer/Web: it keeps the table borders).
soffice --headless --writer --convert-to pdf --outdir "$T" "$F/src/table4.html" >/dev/null
cp "$T/table4.pdf" "$F/libreoffice-table4.pdf"

# Chromium print-to-PDF.
chromium --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$T/profile" --no-pdf-header-footer \
  --print-to-pdf="$F/chromium-table4.pdf" "$F/src/table4.html" 2>/dev/null

# Hand-built with lopdf (predefined CMaps, rotation).
cargo test -q --lib regenerate_handmade_fixtures -- --ignored

# Encrypted copies of a hand-built one.
qpdf --allow-weak-crypto --encrypt "" owner-secret 128 --use-aes=n -- "$F/handmade-gbk.pdf" "$F/encrypted-empty-password-rc4.pdf"
qpdf --encrypt "" owner-secret 256 -- "$F/handmade-gbk.pdf" "$F/encrypted-empty-password-aes256.pdf"
qpdf --encrypt user-secret owner-secret 256 -- "$F/handmade-gbk.pdf" "$F/encrypted-user-password.pdf"

python3 tools/pdf/gen_hostile.py
python3 tools/pdf/gen_expected.py
rm -rf "$T"
