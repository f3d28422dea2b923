#!/usr/bin/env bash
# bench/load: a bounded load test of the main pages and API calls as the consolidator of a generated province of 3,921
# units (12 monthly periods, ~45,700 reports), with wrk on 127.0.0.1, on SQLite and on PostgreSQL.
# Usage: bench/load/run.sh [SECONDS=15] [SOAK_MINUTES=2] [ENGINES=sqlite,postgres]
#   Each endpoint runs SECONDS at 1, 8 and 32 connections, then a mix of them all runs SOAK_MINUTES at 8 connections
#   while the web app's RSS is read from /proc every second. The defaults take under 20 minutes once the data exist
#   (generating them: about 12 minutes per engine).
#   The issue's full run (10-minute soak; about 35 minutes): bench/load/run.sh 20 10
# Installs wrk (and PostgreSQL for the postgres engine) from Debian when missing, as root (otherwise says what to
# install). Generates the province once per engine into bench/load/data (kept: a SQLite file; a PostgreSQL cluster
# that the script starts on 127.0.0.1 on a free port and stops again). The web and CLI apps are published in Release
# and the web app runs in Production, as users run them. Everything the script starts, it stops on exit.
# Target (issue 18, 2 cores): report page and dashboard p95 < 300 ms at 8 connections, 0 errors, RSS < 1 GB.
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
root=$(cd ../.. && pwd)
seconds=${1:-15}
soak_minutes=${2:-2}
engines=${3:-sqlite,postgres}
data=$here/data
password=Bench-Matkhau-1
levels=(1 8 32)
search_query='ti%E1%BA%BFp+c%C3%B4ng+d%C3%A2n' # "tiếp công dân"

case ",$engines," in *,sqlite,* | *,postgres,*) ;; *) echo "run.sh: ENGINES is a comma-separated list of sqlite and postgres, not '$engines'" >&2; exit 2 ;; esac
[[ $seconds =~ ^[1-9][0-9]*$ && $soak_minutes =~ ^[0-9]+$ ]] || { echo "run.sh: SECONDS and SOAK_MINUTES are whole numbers" >&2; exit 2; }

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
if [[ ,$engines, == *,postgres,* ]] && ! { [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; }; then missing+=(postgresql); fi
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "run.sh: missing Debian packages; install them with: sudo apt-get install -y ${missing[*]}" >&2; exit 2; }
  echo "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi

# The web app refuses to start in Production from a plain build (its stylesheets and scripts reach wwwroot only
# through publish), so both apps are published, as users run them.
dotnet publish "$root/src/DanVan.Cli" -c Release -o "$here/bin/cli" -nologo -v q -clp:ErrorsOnly >/dev/null
dotnet publish "$root/src/DanVan.Web" -c Release -o "$here/bin/web" -nologo -v q -clp:ErrorsOnly >/dev/null
cli="dotnet $here/bin/cli/danvan.dll"

web=""
pg_data=""
as_pg=()
stop_all() {
  if [ -n "$web" ]; then kill "$web" 2>/dev/null || true; wait "$web" 2>/dev/null || true; web=""; fi
  if [ -n "$pg_data" ]; then "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true; pg_data=""; fi
  if [ -n "${sampler:-}" ]; then kill "$sampler" 2>/dev/null || true; fi
  if [ -n "${changer:-}" ]; then kill "$changer" 2>/dev/null || true; fi
}
trap stop_all EXIT

free_port() {
  local candidate
  for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then echo "$candidate"; return; fi
  done
  echo "run.sh: no free port found" >&2
  exit 1
}

# A PostgreSQL cluster of the script's own in data/postgres, on 127.0.0.1 only. Generation runs without fsync (hours
# of commits otherwise); the measured server is restarted with the defaults but for shared_buffers.
start_pg() { # extra server options
  local dir=$data/postgres
  pg_data=$dir/cluster
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$dir" postgres
    as_pg=(runuser -u postgres --)
  fi
  if [ ! -f "$pg_data/PG_VERSION" ]; then
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" -ne 0 ] || chown postgres "$dir"
    "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
  fi
  pg_port=$(free_port)
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$dir/server.log" -w -t 120 \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$dir -c shared_buffers=512MB $*" start >/dev/null \
    || { echo "run.sh: PostgreSQL did not start; see $dir/server.log" >&2; tail -n 20 "$dir/server.log" >&2; exit 1; }
}

stop_pg() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null
  pg_data=""
}

use_engine() { # engine
  case $1 in
    sqlite)
      mkdir -p "$data/sqlite"
      export Database__Provider=Sqlite ConnectionStrings__DanVan="Data Source=$data/sqlite/bench.db" DataProtection__KeysPath="$data/sqlite/keys"
      ;;
    postgres)
      export Database__Provider=Postgres ConnectionStrings__DanVan="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=danvan"
      unset DataProtection__KeysPath # on PostgreSQL the keys live in the database, as deployed
      ;;
  esac
}

generate() { # folder
  local start; start=$(date +%s)
  $cli db migrate >/dev/null
  $cli generate --provinces 1 --communes 3321 --departments 600 --periods 12 --seed 1 --password "$password" --json >"$1/generated.json.tmp"
  mv "$1/generated.json.tmp" "$1/generated.json"
  echo "generated in $(($(date +%s) - start)) s"
}

prepare() { # engine; leaves the database migrated and, for postgres, the server running
  local dir=$data/$1
  if [ "$1" = postgres ]; then
    if [ ! -f "$dir/generated.json" ] || [ ! -f "$dir/cluster/PG_VERSION" ]; then
      rm -rf "$dir"
      start_pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off
      use_engine postgres
      generate "$dir"
      stop_pg
    fi
    start_pg
  elif [ ! -f "$dir/generated.json" ] || [ ! -f "$dir/bench.db" ]; then
    rm -rf "$dir"; mkdir -p "$dir"
    use_engine sqlite
    generate "$dir"
  fi
  use_engine "$1"
  # Also brings data generated by an older build up to the current schema.
  $cli db migrate >/dev/null
}

# wrk stops at the end of a point, but the requests it leaves unanswered still run in the app and would slow the
# next point: wait (at most a minute) until the app uses under 5 % of a core for a second.
settle() {
  local before after
  for _ in $(seq 1 60); do
    before=$(awk '{ print $14 + $15 }' "/proc/$web/stat")
    sleep 1
    after=$(awk '{ print $14 + $15 }' "/proc/$web/stat")
    [ $((after - before)) -gt $(($(getconf CLK_TCK) / 20)) ] || return 0
  done
}

run_wrk() { # connections seconds path...; prints "req/s p50 p95 p99 errors requests socket-errors last-bad-status"
  local connections=$1 duration=$2; shift 2
  local threads=2
  [ "$connections" -ge 2 ] || threads=1
  local out
  settle
  out=$(wrk -t "$threads" -c "$connections" -d "${duration}s" --timeout 10s -s "$here/load.lua" "$base" -- "$cookie" "Bearer $token" "$@")
  grep '^RESULT ' <<<"$out" | cut -d' ' -f2- || { echo "run.sh: wrk printed no result:" >&2; echo "$out" >&2; exit 1; }
}

# What a save of the dashboard's data does to the dashboards the app keeps (CompletenessCache): a new version. Every
# second while the web app runs, for the point that measures the dashboard with its data changing.
change_every_second() { # engine
  while kill -0 "$web" 2>/dev/null; do
    case $1 in
      sqlite) sqlite3 -cmd '.timeout 10000' "$data/sqlite/bench.db" "UPDATE DataVersions SET Value = abs(random()) WHERE Name = 'completeness'" ;;
      postgres) "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d danvan -qAtc \
        "UPDATE \"DataVersions\" SET \"Value\" = floor(random() * 1e15)::bigint WHERE \"Name\" = 'completeness'" >/dev/null ;;
    esac
    sleep 1
  done
}

measure() { # engine
  local engine=$1 dir=$data/$1
  local user period
  user=$(grep -o '"user": "[^"]*"' "$dir/generated.json" | head -n 1 | cut -d'"' -f4)
  period=$(tr -d ' \n' <"$dir/generated.json" | grep -o '"periods":\[[^]]*\]' | grep -o '"[0-9-]*"' | tail -n 1 | tr -d '"')
  local port; port=$(free_port)
  base="http://127.0.0.1:$port"
  # exec, so that $web is the web app itself.
  (cd "$here/bin/web" && ASPNETCORE_URLS="$base" ASPNETCORE_ENVIRONMENT=Production Demo__Seed=false Reminders__Enabled=false \
    exec dotnet DanVan.Web.dll >"$dir/web.log" 2>&1) &
  web=$!
  for _ in $(seq 1 300); do curl -fs "$base/health" >/dev/null && break; sleep 1; done
  curl -fs "$base/health" >/dev/null || { echo "the web app did not start:" >&2; tail -n 20 "$dir/web.log" >&2; exit 1; }

  # The consolidator's cookie from the real log-in form, antiforgery token included, and an API token.
  local jar=$dir/cookies form
  rm -f "$jar"
  form=$(curl -fs -c "$jar" "$base/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Input.UserName=$user" --data-urlencode "Input.Password=$password" \
    --data-urlencode "__RequestVerificationToken=$form" "$base/account/login"
  cookie=$(awk -F'\t' 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar")
  token=$(curl -fs -X POST "$base/api/v1/tokens" -H 'content-type: application/json' \
    -d "{\"userName\":\"$user\",\"password\":\"$password\"}" | grep -o '"token":"[^"]*"' | cut -d'"' -f4)
  [ -n "$token" ] || { echo "run.sh: no API token for $user" >&2; exit 1; }
  # The first commune's report of the last period.
  local report
  report=$(curl -fs -H "Authorization: Bearer $token" "$base/api/v1/reports?period=$period&unit=G1-P01-X0001" | grep -o '"id":[0-9]*' | head -n 1 | cut -d: -f2)
  [ -n "$report" ] || { echo "run.sh: no report of G1-P01-X0001 for $period" >&2; exit 1; }

  local labels=("dashboard /consolidation" "report page /reports/{id}" "report list /reports" "search page /search?q=…" "API GET /api/v1/reports/{id}" "API GET /api/v1/reports")
  local paths=("/consolidation" "/reports/$report" "/reports" "/search?q=$search_query" "/api/v1/reports/$report" "/api/v1/reports")
  local i status
  for i in "${!paths[@]}"; do # each once, checked, before anything is timed
    if [[ ${paths[$i]} == /api/* ]]; then status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base${paths[$i]}")
    else status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base${paths[$i]}"); fi
    [ "$status" = 200 ] || { echo "run.sh: ${paths[$i]} answered $status before the load" >&2; exit 1; }
  done

  echo
  echo "== $engine: $user (the province's consolidator), report $report (G1-P01-X0001, $period), ${seconds} s a point"
  printf '%-32s %5s %9s %9s %9s %9s %7s\n' endpoint conns req/s 'p50 ms' 'p95 ms' 'p99 ms' errors
  local c r
  for i in "${!paths[@]}"; do
    for c in "${levels[@]}"; do
      read -r -a r < <(run_wrk "$c" "$seconds" "${paths[$i]}")
      [ "${r[5]}" != 0 ] || r=(0 - - - "${r[4]}" 0 "${r[6]}" "${r[7]}")
      printf '%-32s %5s %9s %9s %9s %9s %7s%s\n' "${labels[$i]}" "$c" "${r[0]}" "${r[1]}" "${r[2]}" "${r[3]}" "${r[4]}" \
        "$([ "${r[5]}" != 0 ] || echo " (no answer within the point)")$([ "${r[4]}" = 0 ] || echo " (last non-2xx: ${r[7]}, socket errors: ${r[6]})")"
    done
  done

  # The dashboard while its data change every second (a report sent, a unit renamed): most requests are served as
  # kept, one a second per instance builds it afresh.
  change_every_second "$engine" &
  changer=$!
  read -r -a r < <(run_wrk 8 "$seconds" /consolidation)
  kill "$changer" 2>/dev/null || true; wait "$changer" 2>/dev/null || true; changer=""
  printf '%-32s %5s %9s %9s %9s %9s %7s%s\n' "dashboard, data changed each s" 8 "${r[0]}" "${r[1]}" "${r[2]}" "${r[3]}" "${r[4]}" \
    "$([ "${r[4]}" = 0 ] || echo " (last non-2xx: ${r[7]}, socket errors: ${r[6]})")"

  if [ "$soak_minutes" -gt 0 ]; then
    local rss=$dir/rss.txt
    : >"$rss"
    (while kill -0 "$web" 2>/dev/null; do awk '/^VmRSS/ { print $2 }' "/proc/$web/status" >>"$rss" 2>/dev/null || true; sleep 1; done) &
    sampler=$!
    read -r -a r < <(run_wrk 8 $((soak_minutes * 60)) "${paths[@]}")
    kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; sampler=""
    printf 'soak, all six mixed, 8 connections, %s min: %s req/s, p50 %s ms, p95 %s ms, p99 %s ms, %s errors of %s requests%s\n' \
      "$soak_minutes" "${r[0]}" "${r[1]}" "${r[2]}" "${r[3]}" "${r[4]}" "${r[5]}" "$([ "${r[4]}" = 0 ] || echo " (last non-2xx: ${r[7]}, socket errors: ${r[6]})")"
    awk '{ if ($1 > peak) peak = $1; last = $1; n++ } END { printf "web app RSS over the soak (%d samples): peak %.0f MB, last %.0f MB\n", n, peak / 1024, last / 1024 }' "$rss"
  fi
  echo "server log: $(grep -c -E '^[^ ]+ [^ ]+ (fail|crit):' "$dir/web.log" || true) errors logged ($dir/web.log)"
  kill "$web"; wait "$web" 2>/dev/null || true; web=""
}

for engine in sqlite postgres; do
  [[ ,$engines, == *,$engine,* ]] || continue
  prepare "$engine"
  measure "$engine"
  [ "$engine" != postgres ] || stop_pg
done
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); took $((SECONDS / 60)) min $((SECONDS % 60)) s"
