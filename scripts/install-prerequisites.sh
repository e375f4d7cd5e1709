#!/usr/bin/env bash
# Installs what SupportBot needs on a fresh Debian 12 machine, and nothing that is already there.
# Safe to run any number of times. Needs root (or sudo) only when something is missing.
set -euo pipefail

need_packages=()
have() { command -v "$1" >/dev/null 2>&1; }
have_postgres() { have pg_ctl || compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; }

have redis-server || need_packages+=(redis-server)
have prometheus || need_packages+=(prometheus)
have promtool || need_packages+=(prometheus)
have prometheus-alertmanager || have alertmanager || need_packages+=(prometheus-alertmanager)
have_postgres || need_packages+=(postgresql-15)
have setpriv || need_packages+=(util-linux)
# Optional but five times faster retrieval: the RUM index extension for the installed Postgres major version.
pg_major=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
if [[ -n "$pg_major" && ! -f "/usr/share/postgresql/$pg_major/extension/rum.control" ]]; then
  need_packages+=("postgresql-$pg_major-rum")
fi
have curl || need_packages+=(curl)
# The README's examples (and the test that runs them) read keys and URLs from the state folder with jq.
have jq || need_packages+=(jq)
# Headless Chromium for the web console's browser tests (Microsoft.Playwright drives this one; it never downloads a browser).
[[ -x /usr/bin/chromium ]] || need_packages+=(chromium)

if ((${#need_packages[@]} > 0)); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  echo "setup: installing ${need_packages[*]}"
  $sudo apt-get update -qq
  # The Debian packages start system services where an init system runs; the AppHost runs its own
  # private instances on other ports, so those are not needed (and usually don't start in containers).
  mapfile -t unique < <(printf '%s\n' "${need_packages[@]}" | sort -u)
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${unique[@]}" >/dev/null
fi

if ! have dotnet; then
  echo "setup: the .NET 10 SDK (dotnet) is missing; install it and run this again" >&2
  exit 1
fi
