#!/usr/bin/env bash
# Starts many Glassbox servers at once, round after round, and counts JVM crashes while the embedding model loads
# (the intermittent SIGSEGV in ONNX Runtime's createSession, issue 15). Bounded: PARALLEL servers per round, ROUNDS
# rounds, each round at most ROUND_SECONDS; every server is killed at the end of its round. Loopback only.
#
#   scripts/native-start-stress.sh                 # 8 servers x 3 rounds on ports 9600-9607
#   PARALLEL=4 ROUNDS=10 BASE_PORT=9650 scripts/native-start-stress.sh
#   JAVA_OPTS=-Xmx256m FRESH_NATIVE_CACHE=1 scripts/native-start-stress.sh
#   STOP_WHILE_STARTING=1 scripts/native-start-stress.sh   # SIGTERM each server while it loads the model
#
# FRESH_NATIVE_CACHE=1 gives every round an empty DJL cache (DJL_CACHE_DIR), so all servers of a round extract the
# tokenizer's native library into the same folder at once: the one path several processes share.
#
# STOP_WHILE_STARTING=1 sends each server SIGTERM at a random moment up to STOP_WITHIN_MS (default 3000) after it
# says it is listening, while it indexes and loads the embedding model, as a test run or an operator may. That is
# what crashed: ONNX Runtime's shutdown hook freed its environment under createSession (see StopSignalsHeld). A
# server stopped that way must exit 143 like any stopped server; a crash exits 134.
#
# Needs server/target/glassbox-server.jar (./mvnw -q -DskipTests package). Exits 1 when any server crashed; crash
# logs (hs_err_pid*.log) are kept in the printed work folder.
set -uo pipefail
cd "$(dirname "$0")/.."

PARALLEL=${PARALLEL:-8}
ROUNDS=${ROUNDS:-3}
BASE_PORT=${BASE_PORT:-9600}
ROUND_SECONDS=${ROUND_SECONDS:-180}
JAR=${JAR:-server/target/glassbox-server.jar}
JAVA_OPTS=${JAVA_OPTS:-}
FRESH_NATIVE_CACHE=${FRESH_NATIVE_CACHE:-0}
STOP_WHILE_STARTING=${STOP_WHILE_STARTING:-0}
STOP_WITHIN_MS=${STOP_WITHIN_MS:-3000}
[ -f "$JAR" ] || { echo "no $JAR: run ./mvnw -q -DskipTests package first" >&2; exit 2; }

work=$(mktemp -d /tmp/glassbox-native-stress.XXXXXX)
echo "work folder: $work (logs, crash reports, one shared embedding cache)"
ready=0 stopped=0 crashed=0 other=0 pids=()

stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  pids=()
}
trap stop_all EXIT

# One server first fills the embedding cache, so the rounds measure what crashed: starting and loading the model.
GLASSBOX_PORT=$BASE_PORT GLASSBOX_EVENT_LOOPS=1 GLASSBOX_CACHE_DIR="$work/cache" java -jar "$JAR" >"$work/warm-up.log" 2>&1 &
pids=($!)
deadline=$((SECONDS + ROUND_SECONDS))
while kill -0 "${pids[0]}" 2>/dev/null && ! grep -q "Glassbox is ready" "$work/warm-up.log" && [ $SECONDS -lt $deadline ]; do
  sleep 1
done
stop_all

for round in $(seq 1 "$ROUNDS"); do
  pids=()
  native_cache=${DJL_CACHE_DIR:-$HOME/.djl.ai}
  [ "$FRESH_NATIVE_CACHE" = 1 ] && native_cache="$work/djl-round$round"
  for i in $(seq 0 $((PARALLEL - 1))); do
    log="$work/round$round-server$i.log"
    # shellcheck disable=SC2086 # JAVA_OPTS holds several options
    GLASSBOX_PORT=$((BASE_PORT + i)) GLASSBOX_EVENT_LOOPS=1 GLASSBOX_CACHE_DIR="$work/cache" \
      DJL_CACHE_DIR="$native_cache" java $JAVA_OPTS -XX:ErrorFile="$work/hs_err_pid%p.log" -jar "$JAR" >"$log" 2>&1 &
    pids+=($!)
    if [ "$STOP_WHILE_STARTING" = 1 ]; then
      pid=$!
      (until grep -q '"listening' "$log" || ! kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
       ms=$(( (RANDOM * 32768 + RANDOM) % STOP_WITHIN_MS ))
       sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
       kill -TERM "$pid" 2>/dev/null) &
    fi
  done
  deadline=$((SECONDS + ROUND_SECONDS))
  for i in $(seq 0 $((PARALLEL - 1))); do
    log="$work/round$round-server$i.log"
    while kill -0 "${pids[$i]}" 2>/dev/null && ! grep -q "Glassbox is ready" "$log" && [ $SECONDS -lt $deadline ]; do
      sleep 1
    done
    if kill -0 "${pids[$i]}" 2>/dev/null && grep -q "Glassbox is ready" "$log"; then
      ready=$((ready + 1))
    elif kill -0 "${pids[$i]}" 2>/dev/null; then
      other=$((other + 1)); echo "round $round server $i: not ready within ${ROUND_SECONDS} s, see $log"
    else
      wait "${pids[$i]}" 2>/dev/null; code=$?
      if [ "$code" -eq 134 ] || [ "$code" -eq 139 ] || grep -q "SIGSEGV\|A fatal error has been detected" "$log"; then
        crashed=$((crashed + 1)); echo "round $round server $i: crashed (exit $code), see $log"
      elif [ "$STOP_WHILE_STARTING" = 1 ] && [ "$code" -eq 143 ]; then
        stopped=$((stopped + 1))
      else
        other=$((other + 1)); echo "round $round server $i: not ready (exit $code), see $log"
      fi
    fi
  done
  stop_all
  wait # the stop timers of this round
  echo "round $round done: ready $ready, stopped $stopped, crashed $crashed, other $other so far"
done
ls "$work"/hs_err_pid*.log 2>/dev/null
echo "$ready ready, $stopped stopped cleanly while starting, $crashed crashed, $other other, of $((PARALLEL * ROUNDS)) starts"
[ "$crashed" -eq 0 ]
