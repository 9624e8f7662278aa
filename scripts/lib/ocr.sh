# Sourced by scripts/test and scripts/run: makes sure Tesseract with Chinese (chi_sim) and English language data is
# installed (scripts/install-ocr.sh, needs root), so that scanned PDFs are OCR'd. Without it the server refuses
# image-only PDFs with OCR_UNAVAILABLE and the OCR tests (ScannedPdfIT, ScannedUploadIT) skip themselves — except
# under CI=true, where that is an error here, so CI never passes without running them.
ensure_ocr() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
  fi
  if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then
    $sudo scripts/install-ocr.sh && return 0
  elif command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx chi_sim; then
    return 0
  fi
  local message="Tesseract with Chinese language data is not installed; run: sudo scripts/install-ocr.sh"
  if [ "${CI:-}" = "true" ]; then
    echo "ERROR: $message (CI=true: the OCR tests must run)" >&2
    return 1
  fi
  echo "WARNING: $message — scanned PDFs will be refused (OCR_UNAVAILABLE) and the OCR tests skipped." >&2
  return 0
}
