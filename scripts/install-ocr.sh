#!/usr/bin/env bash
# Installs Tesseract OCR with its Simplified Chinese and English language data from Debian's own packages
# (tesseract-ocr, tesseract-ocr-chi-sim, tesseract-ocr-eng), which GovAssist uses, through Tika, to read the pages of
# scanned PDFs that have no text layer.
#
# Idempotent and quick: does nothing when `tesseract --list-langs` already offers chi_sim and eng.
# Needs root (apt-get install). Usage: sudo scripts/install-ocr.sh
set -euo pipefail

log() { echo "install-ocr: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

ocr_ready() {
  command -v tesseract >/dev/null 2>&1 || return 1
  local langs
  langs=$(tesseract --list-langs 2>/dev/null) || return 1
  grep -qx chi_sim <<<"$langs" && grep -qx eng <<<"$langs"
}

if ocr_ready; then
  log "tesseract $(tesseract --version 2>/dev/null | head -n 1 | awk '{print $2}') with chi_sim and eng is already installed; nothing to do."
  exit 0
fi

[ "$(id -u)" = "0" ] || die "must run as root (apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng)"
command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install Tesseract 4 or 5 with the chi_sim and eng language data by other means"

export DEBIAN_FRONTEND=noninteractive
packages=(tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng)
if ! apt-cache policy tesseract-ocr-chi-sim 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  apt-get update -q >&2 || die "apt-get update failed"
fi
apt-get install -y -q --no-install-recommends "${packages[@]}" >&2 || die "cannot install ${packages[*]}"
ocr_ready || die "installed ${packages[*]}, but tesseract --list-langs does not offer chi_sim and eng"
log "installed tesseract $(tesseract --version 2>/dev/null | head -n 1 | awk '{print $2}') with chi_sim and eng"
