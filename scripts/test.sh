#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need (Debian's Chromium for the browser tests),
# then runs `dotnet test` and prints the closing line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

if [ ! -x "${BULKIMPORT_CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "Installing Chromium for the browser tests (apt-get)..."
  SUDO=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-liberation >/dev/null \
    || { echo "Could not install chromium with apt-get; install it (or set BULKIMPORT_CHROMIUM) and run again."; exit 1; }
fi

mkdir -p .tmp
export TMPDIR="$PWD/.tmp"

dotnet test BulkImport.sln "$@" 2>&1 | tee test.log
rc=${PIPESTATUS[0]}
awk '/ - Failed: +[0-9]+, Passed: +[0-9]+/ { gsub(",",""); for(i=1;i<=NF;i++){ if($i=="Failed:")f+=$(i+1); if($i=="Passed:")p+=$(i+1); if($i=="Skipped:")s+=$(i+1)} } END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' test.log
exit $rc
