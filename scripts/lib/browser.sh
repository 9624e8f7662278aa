# Sourced by scripts/test: makes sure the browser tests find Debian's headless Chromium, its driver, a Chinese and
# an emoji font (chromium, chromium-driver, fonts-noto-cjk, fonts-noto-color-emoji), installing them with apt-get
# when missing and possible. Without them the browser tests fail; under CI=true that is fatal right here.
browser_ready() {
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] \
    && { ! command -v fc-list >/dev/null 2>&1 \
         || { fc-list :lang=zh 2>/dev/null | grep -q . && fc-list 2>/dev/null | grep -qi emoji; }; }
}

ensure_browser() {
  browser_ready && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
  fi
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; }; then
    echo "Installing chromium, chromium-driver, fonts-noto-cjk and fonts-noto-color-emoji for the browser tests..."
    if $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
         chromium chromium-driver fonts-noto-cjk fonts-noto-color-emoji >/dev/null && browser_ready; then
      return 0
    fi
  fi
  local message="the browser tests need Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver) and fonts-noto-cjk, fonts-noto-color-emoji: apt-get install chromium chromium-driver fonts-noto-cjk fonts-noto-color-emoji (or point -Dgovassist.chromium=... and -Dgovassist.chromedriver=... at another Chromium and its matching driver)"
  if [ "${CI:-}" = "true" ]; then
    echo "ERROR: $message" >&2
    return 1
  fi
  echo "WARNING: $message; the browser tests (*BrowserIT) will fail." >&2
}
