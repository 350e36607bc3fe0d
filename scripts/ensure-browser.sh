#!/usr/bin/env bash
# Install what the browser tests need when it is missing: Debian's Chromium (no browser downloads) and the
# Playwright Python driver (from PyPI, pinned in requirements.lock). Prints what it did; never fails the caller:
# when nothing can be installed the browser tests skip with a loud message instead.
set -u
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  echo "browser: Chromium present ($(chromium --version 2>/dev/null | head -1))"
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "browser: installing Debian's chromium (apt-get)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  if apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null 2>&1; then
    echo "browser: installed $(chromium --version 2>/dev/null | head -1)"
  else
    echo "browser: WARNING could not install chromium with apt-get; browser tests will be skipped"
  fi
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 \
    || echo "browser: WARNING could not install chromium; browser tests will be skipped"
else
  echo "browser: WARNING chromium is missing and cannot be installed here; browser tests will be skipped"
fi
exit 0
