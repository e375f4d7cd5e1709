#!/usr/bin/env bash
# Runs the whole test suite: installs missing OS packages, builds, then runs every test against real
# Postgres, Redis and Prometheus processes that the tests start from the AppHost's Aspire model (Aspire.Hosting.Testing).
# Arguments go to `dotnet test`, e.g. ./test.sh --filter-class "*AuthTests"
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-prerequisites.sh
dotnet build SupportBot.sln -warnaserror
dotnet test --solution SupportBot.sln --no-build "$@"
