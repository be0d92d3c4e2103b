#!/usr/bin/env bash
# Installs everything npo-survey needs to build, test and render on Debian 12.
# Idempotent; run as root (or with sudo). Packages only, nothing downloaded by hand.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  build-essential cmake pkg-config git gettext locales \
  libcsv-dev libreadstat-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev libutf8proc-dev libpng-dev \
  libfontconfig-dev libfreetype-dev fonts-noto-cjk libexpat1-dev libzip-dev libmecab-dev mecab-ipadic-utf8 \
  poppler-utils pspp unzip python3 python3-openpyxl \
  clang libclang-rt-14-dev valgrind >/dev/null
# The Japanese locale: the messages' language is tested under ja_JP.UTF-8 (docs/cli.md).
$SUDO sed -i 's/^# *\(ja_JP\.UTF-8 UTF-8\)/\1/' /etc/locale.gen
grep -q '^ja_JP\.UTF-8 UTF-8' /etc/locale.gen || echo 'ja_JP.UTF-8 UTF-8' | $SUDO tee -a /etc/locale.gen >/dev/null
$SUDO locale-gen >/dev/null
