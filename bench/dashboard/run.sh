#!/usr/bin/env bash
# bench/dashboard: the completeness dashboard for one province of 3,321 communes + 600 other units, 12 monthly periods.
# Usage: bench/dashboard/run.sh [RUNS=5]. Generates the province once into a fresh SQLite database (bench/dashboard/data),
# then measures (1) CompletenessService.DashboardAsync called directly, warm, and (2) GET /consolidation over HTTP
# from the running web app (Release), warm; prints every run and the medians. Target: < 300 ms server time.
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
root=$(cd ../.. && pwd)
runs=${1:-5}
data=$here/data
password=Bench-Matkhau-1
export Database__Provider=Sqlite ConnectionStrings__DanVan="Data Source=$data/bench.db"

dotnet build "$root/src/DanVan.Cli" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
dotnet build "$root/src/DanVan.Web" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
dotnet build "$here/../DashboardBench" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
cli="dotnet $root/src/DanVan.Cli/bin/Release/net10.0/danvan.dll"

if [ ! -f "$data/generated.json" ]; then
  rm -rf "$data"; mkdir -p "$data"
  $cli db migrate >/dev/null
  start=$(date +%s.%N)
  $cli generate --provinces 1 --communes 3321 --departments 600 --periods 12 --seed 1 --password "$password" --json >"$data/generated.json.tmp"
  printf 'generated in %.1f s: ' "$(echo "$(date +%s.%N) - $start" | bc)"
  mv "$data/generated.json.tmp" "$data/generated.json"
fi
grep -o '"reports": [0-9]*' "$data/generated.json"
user=$(grep -o '"user": "[^"]*"' "$data/generated.json" | head -n 1 | cut -d'"' -f4)

echo "== DashboardAsync, direct (warm, $runs runs)"
dotnet "$here/../DashboardBench/bin/Release/net10.0/DashboardBench.dll" "$user" "$runs"

echo "== GET /consolidation over HTTP (warm, $runs runs)"
port=$((20000 + RANDOM % 20000))
# exec, so that $! is the web app itself and the trap stops it.
(cd "$root" && ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production Demo__Seed=false \
  DataProtection__KeysPath="$data/keys" exec dotnet "$root/src/DanVan.Web/bin/Release/net10.0/DanVan.Web.dll" >"$data/web.log" 2>&1) &
web=$!
trap 'kill $web 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
jar=$data/cookies
token=$(curl -fs -c "$jar" "http://127.0.0.1:$port/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Input.UserName=$user" --data-urlencode "Input.Password=$password" \
  --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/account/login"
measure() { # url label
  curl -fs -b "$jar" -o /dev/null "$1"; curl -fs -b "$jar" -o /dev/null "$1" # warm-up
  local times=()
  for _ in $(seq 1 "$runs"); do
    times+=("$(curl -fs -b "$jar" -o /dev/null -w '%{time_total}' "$1")")
  done
  local sorted; sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%s: runs s: %s; median %s s, %s bytes\n' "$2" "$(echo "${times[*]}" | tr ' ' '/')" \
    "$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")" "$(curl -fs -b "$jar" "$1" | wc -c)"
}
measure "http://127.0.0.1:$port/consolidation" "page (whole response)"
measure "http://127.0.0.1:$port/consolidation?handler=Xlsx" "xlsx export"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
