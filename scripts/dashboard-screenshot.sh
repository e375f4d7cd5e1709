#!/usr/bin/env bash
# Takes the README's screenshot of the Aspire dashboard: starts the AppHost on its own ports and
# state folder, opens the dashboard's login link in headless Chromium (Debian's /usr/bin/chromium,
# nothing downloaded) once every resource is healthy, saves the resources page, stops the stack.
# Usage: scripts/dashboard-screenshot.sh [OUTPUT.png]   (default docs/images/aspire-dashboard.png)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-docs/images/aspire-dashboard.png}")
command -v chromium >/dev/null || { echo "screenshot: chromium not found; apt-get install -y chromium" >&2; exit 1; }
command -v node >/dev/null || { echo "screenshot: node (20 or later) not found; apt-get install -y nodejs" >&2; exit 1; }
state=$(mktemp -d /var/tmp/supportbot-screenshot.XXXXXX)
log="$state.log"
dotnet build SupportBot.AppHost -warnaserror -v quiet -nologo >/dev/null
touch "$log"
dotnet SupportBot.AppHost/bin/Debug/net10.0/SupportBot.AppHost.dll --dynamic-ports --state-dir "$state" >"$log" 2>&1 &
pid=$!
browser=""
cleanup() {
  [[ -n $browser ]] && kill "$browser" 2>/dev/null || true
  kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$state" "$log"
}
trap cleanup EXIT
until grep -q "apphost: ready" "$log"; do
  kill -0 "$pid" 2>/dev/null || { echo "screenshot: the AppHost exited:" >&2; tail -20 "$log" >&2; exit 1; }
  sleep 1
done
login=$(grep -o 'http://127.0.0.1:[0-9]*/login?t=[0-9a-f]*' "$log" | head -1)
[[ -n $login ]] || { echo "screenshot: no dashboard login link in the AppHost's output" >&2; exit 1; }
sleep 5   # let the traces and health of the first scrapes reach the dashboard
mkdir -p "$(dirname "$out")"
port=$((20000 + RANDOM % 20000))
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$state/chromium" \
  --remote-debugging-port="$port" about:blank >/dev/null 2>&1 &
browser=$!
until curl -sf "http://127.0.0.1:$port/json/version" >/dev/null; do sleep 0.5; done
node --experimental-websocket scripts/cdp-screenshot.mjs "$port" "$login" "$out" 10000
echo "screenshot: $out"
