#!/usr/bin/env bash
# Browser tests use Debian's Chromium (playwright cannot download a browser here).
set -eu
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then echo "chromium missing: run 'apt-get install -y chromium' as root" >&2; exit 1; fi
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
