#!/usr/bin/env bash
# The main job: build the distribution, start the host in standalone mode (no Kubernetes: an
# embedded node store and operator, pools from conf/pools.yaml), allocate an address over the
# REST API on the unix socket, and show it. Needs a JDK 17+ and curl.
#
#   ./run-standalone.sh          # build, start, allocate, show, stop
#   ./run-standalone.sh --keep   # ... and leave the host running
set -euo pipefail
cd "$(dirname "$0")"

keep=false
[ "${1:-}" = "--keep" ] && keep=true

echo "==> building the distribution (dist/target/multipool)"
./mvnw -q -B -DskipTests package

work=${MULTIPOOL_DEMO_DIR:-$(mktemp -d /tmp/multipool-demo.XXXXXX)}
mkdir -p "$work"
socket="$work/multipool.sock"
log="$work/host.log"

echo "==> starting: dist/target/multipool/bin/multipool-host --standalone --state-dir $work/state --socket-path $socket"
dist/target/multipool/bin/multipool-host --standalone --enable-ipv6 \
  --state-dir "$work/state" --socket-path "$socket" --k8s-node-name demo-node \
  --ipam-cilium-node-update-rate 1s >"$log" 2>&1 &
pid=$!
stop() { kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; }
$keep || trap stop EXIT

api() { curl -sS --unix-socket "$socket" "$@"; }

for _ in $(seq 1 150); do
  if [ "$(api -o /dev/null -w '%{http_code}' http://localhost/v1/healthz 2>/dev/null)" = "200" ]; then break; fi
  kill -0 "$pid" 2>/dev/null || { echo "host exited; log:"; cat "$log"; exit 1; }
  sleep 0.2
done

echo "==> GET /v1/healthz"
api http://localhost/v1/healthz; echo
echo "==> POST /v1/ipam?owner=default/demo-pod   (next address of every enabled family, pod consumer)"
api -X POST "http://localhost/v1/ipam?owner=default/demo-pod"; echo
echo "==> POST /v1/consumers/dra/ipam?family=ipv4&pool=default&owner=default/claim/eth1   (DRA consumer)"
echo "    (no pre-allocation for DRA: the first request publishes demand and gets 502 until the operator delegates)"
dra="http://localhost/v1/consumers/dra/ipam?family=ipv4&pool=default&owner=default/claim/eth1"
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  code=$(api -o "$work/dra.json" -w '%{http_code}' -X POST "$dra")
  echo "    attempt $attempt: HTTP $code $(cat "$work/dra.json")"
  [ "$code" = "201" ] && break
  sleep 1
done
sleep 1.5
echo "==> GET /v1/consumers/pod   (pools, CIDRs delegated by the embedded operator, ip -> owner)"
api http://localhost/v1/consumers/pod; echo
echo "==> the node document the host and the embedded operator share: $work/state/standalone/ciliumnode.json"
cat "$work/state/standalone/ciliumnode.json"; echo
if $keep; then
  echo "==> host running as pid $pid; socket $socket; log $log"
fi
