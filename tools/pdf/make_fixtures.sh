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

# The seed report's article, printed by LibreOffice and by Chromium for the
# cross-format test (tests/pdf.rs); recompressed by qpdf to stay small.
python3 "$F/src/make_sources.py"
soffice --headless --writer --convert-to pdf --outdir "$T" "$F/src/jinyun-article.html" >/dev/null
qpdf --object-streams=generate --recompress-flate --compression-level=9 "$T/jinyun-article.pdf" "$F/libreoffice-seed.pdf"
chromium --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$T/profile" --no-pdf-header-footer \
  --print-to-pdf="$T/chromium-seed.pdf" "$F/src/jinyun-article.html" 2>/dev/null
qpdf --object-streams=generate --recompress-flate --compression-level=9 "$T/chromium-seed.pdf" "$F/chromium-seed.pdf"

# Hand-built with lopdf (predefined CMaps, rotation; the seed report with a
# table cut by a page break).
cargo test -q --lib regenerate_handmade_fixtures -- --ignored
cargo test -q --test pdf regenerate_hand_built_fixture -- --ignored

# Encrypted copies of a hand-built one.
qpdf --allow-weak-crypto --encrypt "" owner-secret 128 --use-aes=n -- "$F/handmade-gbk.pdf" "$F/encrypted-empty-password-rc4.pdf"
qpdf --encrypt "" owner-secret 256 -- "$F/handmade-gbk.pdf" "$F/encrypted-empty-password-aes256.pdf"
qpdf --encrypt user-secret owner-secret 256 -- "$F/handmade-gbk.pdf" "$F/encrypted-user-password.pdf"
qpdf --encrypt "" owner-secret 256 -- "$F/handmade-seed-unigb.pdf" "$F/encrypted-empty-password-seed.pdf"

python3 tools/pdf/gen_hostile.py
python3 tools/pdf/gen_expected.py
rm -rf "$T"
