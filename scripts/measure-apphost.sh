#!/usr/bin/env bash
# Measures one AppHost run for docs/benchmarks.md: seconds from start to "apphost: ready" (every
# resource healthy), the memory (RSS) of the whole process tree once ready, and seconds from SIGTERM
# until no process of the stack is left (for Aspire that includes DCP, which runs detached).
# Usage: scripts/measure-apphost.sh APPHOST_DLL STATE_DIR [extra AppHost args...]
set -euo pipefail
dll=$1 state=$2
shift 2
log=$(mktemp)
start=$(date +%s.%N)
dotnet "$dll" --dynamic-ports --state-dir "$state" "$@" >"$log" 2>&1 &
pid=$!
until grep -q "apphost: ready" "$log"; do
  if ! kill -0 "$pid" 2>/dev/null; then echo "apphost exited early:" >&2; tail -20 "$log" >&2; exit 1; fi
  sleep 0.1
done
ready=$(date +%s.%N)
sleep 3

# The tree: the AppHost and, for Aspire, the detached DCP server that watches it (--monitor PID).
roots=("$pid")
while read -r dcp; do roots+=("$dcp"); done < <(pgrep -f -- "--monitor $pid( |$)" || true)
tree() {
  local all=() queue=("$@")
  while ((${#queue[@]})); do
    local p=${queue[0]}; queue=("${queue[@]:1}"); all+=("$p")
    while read -r c; do [[ -n $c ]] && queue+=("$c"); done < <(pgrep -P "$p" || true)
  done
  printf '%s\n' "${all[@]}"
}
mapfile -t pids < <(tree "${roots[@]}")
# RSS counts pages shared between processes (DCP's monitors are one Go binary) once per process;
# PSS splits them, so its sum is the tree's real footprint.
rss_kb=0 pss_kb=0
for p in "${pids[@]}"; do
  r=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
  s=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
  rss_kb=$((rss_kb + ${r:-0})) pss_kb=$((pss_kb + ${s:-0}))
done

stop=$(date +%s.%N)
kill -TERM "$pid"
while :; do
  alive=0
  for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1 && break; done
  ((alive)) || break
  sleep 0.1
done
stopped=$(date +%s.%N)
printf 'ready_s=%.1f processes=%d rss_mb=%d pss_mb=%d stop_s=%.1f\n' \
  "$(echo "$ready - $start" | bc)" "${#pids[@]}" $((rss_kb / 1024)) $((pss_kb / 1024)) "$(echo "$stopped - $stop" | bc)"
rm -f "$log"
