#!/usr/bin/env bash
# Runs SupportBot locally: installs missing OS packages, then starts the AppHost
# through .NET Aspire (Postgres, Redis, API, eval worker, Prometheus, Alertmanager, Grafana when
# installed, the Aspire dashboard). Ctrl-C stops everything.
# Arguments go to the AppHost: ./run.sh --fresh, ./run.sh --state-dir /var/tmp/supportbot
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-prerequisites.sh
scripts/install-cli.sh
exec dotnet run --project SupportBot.AppHost -- "$@"
