#!/usr/bin/env bash
# Provides the real validators obsgen's tests run: promtool and prometheus (Debian package
# `prometheus`), amtool and alertmanager (Debian package `prometheus-alertmanager`, which names
# the server prometheus-alertmanager), and chromium (Debian package `chromium`, for the review
# page's browser test).
# Finds them on PATH or through PROMTOOL / PROMETHEUS / AMTOOL / ALERTMANAGER / CHROMIUM; otherwise installs the Debian
# packages with apt-get when it can (root or passwordless sudo on Debian/Ubuntu); otherwise
# fails with the command to run. Prints one line per tool: name, path, version.
set -euo pipefail

declare -A PACKAGE=([promtool]=prometheus [prometheus]=prometheus [amtool]=prometheus-alertmanager [alertmanager]=prometheus-alertmanager [chromium]=chromium)
declare -A OVERRIDE=([promtool]=PROMTOOL [prometheus]=PROMETHEUS [amtool]=AMTOOL [alertmanager]=ALERTMANAGER [chromium]=CHROMIUM)
TOOLS=(promtool prometheus amtool alertmanager chromium)

locate() {
  local tool=$1 var=${OVERRIDE[$1]}
  if [[ -n "${!var:-}" ]]; then
    [[ -x "${!var}" ]] && { echo "${!var}"; return 0; }
    echo "ensure-tools: $var=${!var} is not an executable file" >&2
    return 1
  fi
  command -v "$tool" 2>/dev/null || { [[ $tool == alertmanager ]] && command -v prometheus-alertmanager 2>/dev/null; }
}

missing_packages=()
for tool in "${TOOLS[@]}"; do
  if ! locate "$tool" >/dev/null; then
    package=${PACKAGE[$tool]}
    [[ " ${missing_packages[*]-} " == *" $package "* ]] || missing_packages+=("$package")
  fi
done

if ((${#missing_packages[@]} > 0)); then
  instruction="apt-get update && apt-get install -y --no-install-recommends ${missing_packages[*]}"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-tools: missing ${missing_packages[*]} and no apt-get here. Install Prometheus' promtool and amtool (Debian: $instruction) or point PROMTOOL/PROMETHEUS/AMTOOL at them." >&2
    exit 1
  fi
  if [[ $(id -u) -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "ensure-tools: missing ${missing_packages[*]}. Run as root: $instruction" >&2
    exit 1
  fi
  echo "ensure-tools: installing ${missing_packages[*]} with apt-get" >&2
  # The packages ship services; nothing here should start them.
  export DEBIAN_FRONTEND=noninteractive RUNLEVEL=1
  "${as_root[@]}" apt-get update -qq >/dev/null
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing_packages[@]}" >/dev/null
fi

for tool in "${TOOLS[@]}"; do
  path=$(locate "$tool") || { echo "ensure-tools: $tool is still missing after installing ${PACKAGE[$tool]}" >&2; exit 1; }
  version=$("$path" --version 2>/dev/null | head -n 1)
  echo "$tool $path $version"
done
