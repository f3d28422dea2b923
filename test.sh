#!/usr/bin/env bash
# Runs every DanVan test on a fresh Debian machine with the .NET SDK:
#  - installs PostgreSQL, Chromium and LibreOffice Writer from Debian when missing (as root; otherwise says what to install),
#  - starts a throwaway PostgreSQL on 127.0.0.1 on a free port in a temp directory,
#  - runs the data suites on SQLite and on PostgreSQL, the browser tests in headless Chromium,
#  - stops the server and prints the totals as the last line: "N passed, M failed, K skipped".
set -uo pipefail
cd "$(dirname "$0")"
root=$PWD
out=$root/TestResults
rm -rf "$out"
mkdir -p "$out"

say() { printf '\n== %s\n' "$*"; }

# --- what the tests need from Debian ---------------------------------------------------------------
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
missing=()
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || missing+=(postgresql postgresql-contrib)
# The browser suite runs in Chromium's headless shell (the same Blink, Debian's build, without the desktop browser
# around it): it took about 40 % less CPU than `chromium --headless` for the same tests.
[ -x /usr/bin/chromium-headless-shell ] || missing+=(chromium-headless-shell)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui fonts-liberation)
# Calc opens and re-saves the figures workbooks in the Excel round-trip tests.
[ -e /usr/lib/libreoffice/program/libsclo.so ] || missing+=(libreoffice-calc-nogui)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
# The batch-import test counts the flushes `danvan import` asks the kernel for.
[ -x /usr/bin/strace ] || missing+=(strace)
# The deployment test runs two app instances behind Debian's nginx, ending TLS as README "Deployment" sets it up.
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
    echo "0 passed, 1 failed"
    exit 2
  fi
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$out/apt.log" 2>&1 \
    || { echo "test.sh: apt-get install ${missing[*]} failed; see $out/apt.log" >&2; echo "0 passed, 1 failed"; exit 2; }
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# --- throwaway PostgreSQL ------------------------------------------------------------------------------
pg_dir=$(mktemp -d /tmp/danvan-pg.XXXXXX)
port=0
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$pg_dir" postgres
  chown postgres "$pg_dir"
  as_pg=(runuser -u postgres --)
fi
# Test databases (SQLite files), LibreOffice and Chromium profiles and staged files go to a folder in RAM when the
# machine has one: SQLite waits for each commit to reach the disk (PostgreSQL below runs with fsync=off), and on a
# virtual disk those waits slowed the SQLite tests.
tmp_root=/tmp
if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] && [ "$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')" -gt $((4 * 1024 * 1024)) ]; then
  tmp_root=/dev/shm
fi
test_tmp=$(mktemp -d "$tmp_root/danvan-test.XXXXXX")
chmod 1777 "$test_tmp"
export TMPDIR=$test_tmp
stop_pg() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$pg_dir" "$test_tmp"
}
trap stop_pg EXIT
say "starting PostgreSQL on 127.0.0.1:$port"
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$out/initdb.log" 2>&1 \
  && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
       -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
       start >/dev/null \
  || { echo "test.sh: could not start PostgreSQL (see $out/initdb.log, $pg_dir/server.log)" >&2; cat "$pg_dir/server.log" >&2 2>/dev/null; echo "0 passed, 1 failed"; exit 2; }
export DANVAN_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Timeout=30"
export DANVAN_CHROMIUM=/usr/bin/chromium-headless-shell

# --- build once ---------------------------------------------------------------------------------------
passed=0; failed=0; skipped=0
say "building"
build_start=$SECONDS
# One compiler server for all the projects (a machine may turn it off with UseSharedCompilation=false, which makes each
# project start a cold compiler), stopped once the build is done. Release: the suites run our code (a province's
# synthesis, generated data, the CLI's child processes) for minutes on a saturated machine, and optimised code takes
# about 13 % less CPU than Debug's.
if ! dotnet build DanVan.slnx -c Release -nologo -clp:ErrorsOnly -p:UseSharedCompilation=true >"$out/build.log" 2>&1; then
  dotnet build-server shutdown >/dev/null 2>&1
  cat "$out/build.log" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
dotnet build-server shutdown >/dev/null 2>&1
echo "built in $((SECONDS - build_start)) s"

# --- run the suites -----------------------------------------------------------------------------------
run_suite() { # name project provider [dotnet test args...]: runs one suite, its output in $out/NAME-PROVIDER.log and .trx
  local name=$1 project=$2 provider=$3
  shift 3
  local TIMEFORMAT="%0R s"
  { time DANVAN_TEST_PROVIDER=$provider DANVAN_TEST_OUTPUT="$out/$name-$provider" \
    dotnet test "$project" -c Release --no-build -nologo --logger "trx;LogFileName=$name-$provider.trx" --results-directory "$out" "$@" \
    >"$out/$name-$provider.log" 2>&1 ; } 2>"$out/$name-$provider.time"
}

count_suite() { # name provider: prints the suite's failures and summary, adds its counts to the totals
  local name=$1 provider=$2
  say "$name ($provider), $(cat "$out/$name-$provider.time" 2>/dev/null)"
  grep -E "^\s*(Failed|Passed|Skipped) |^(Passed|Failed)!|error" "$out/$name-$provider.log" | grep -vE "^\s*Passed " | tail -n 40
  local trx="$out/$name-$provider.trx"
  if [ ! -f "$trx" ]; then
    echo "$name ($provider): no results (the test run crashed; see $out/$name-$provider.log)" >&2
    tail -n 30 "$out/$name-$provider.log" >&2
    failed=$((failed + 1))
    return
  fi
  local counters total executed p f
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  total=$(sed -E 's/.* total="([0-9]+)".*/\1/' <<<"$counters")
  executed=$(sed -E 's/.* executed="([0-9]+)".*/\1/' <<<"$counters")
  p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
  f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + total - executed))
  if [ "$total" -eq 0 ]; then failed=$((failed + 1)); echo "$name ($provider): no tests ran" >&2; fi
}

# The data suites run on both engines, the two engines side by side (much of a suite's time is spent waiting on the
# database, LibreOffice or a child process, so two streams share 2 cores well); the browser suite (walks and crawls
# in Chromium, on PostgreSQL, the production engine) takes the place of whichever stream ends first, so two streams
# run at any time and the browser never shares the machine with both data suites. The Web suite covers every page on
# both engines. Test classes marked [Trait("Database", "none")] open no database, so the engine cannot change their
# outcome: they run in the SQLite pass only (LibreOffice renderings, `danvan import` to JSON). Tests marked
# [Trait("Database", "postgres")] render a consolidated report as PDF, seconds of LibreOffice whose layout the engine
# that held the data cannot change: they run in the PostgreSQL pass only (the consolidation itself runs on both).
say "data suites on SQLite and on PostgreSQL side by side, and the formatting check (dotnet format whitespace)"
# Layout (whitespace, indentation, final newlines) is checked from the files alone; the build already ran the analyzers
# and the code-style rules .editorconfig makes warnings (EnforceCodeStyleInBuild). A full `dotnet format` compiled the
# solution again to repeat those checks (about 210 s of CPU, nearly a tenth of a run's); what only it checked was the
# order of using directives.
dotnet format whitespace --folder --verify-no-changes --exclude '**/obj/**' '**/bin/**' -- . >"$out/format.log" 2>&1 &
format_pid=$!
(
  run_suite core tests/DanVan.Core.Tests Sqlite --filter "Database!=postgres"
  run_suite cli tests/DanVan.Cli.Tests Sqlite --filter "Database!=postgres"
  run_suite web tests/DanVan.Web.Tests Sqlite
) &
sqlite_pid=$!
(
  run_suite core tests/DanVan.Core.Tests Postgres --filter "Database!=none"
  run_suite cli tests/DanVan.Cli.Tests Postgres --filter "Database!=none"
  run_suite web tests/DanVan.Web.Tests Postgres
) &
postgres_pid=$!
if wait "$format_pid"; then
  passed=$((passed + 1))
else
  echo "formatting differs from .editorconfig; run 'dotnet format whitespace --folder .' (details in $out/format.log)" >&2
  head -n 20 "$out/format.log" >&2
  failed=$((failed + 1))
fi
# (`wait -n` skips a stream that ended while the format check was awaited, so poll.)
while kill -0 "$sqlite_pid" 2>/dev/null && kill -0 "$postgres_pid" 2>/dev/null; do sleep 1; done
run_suite e2e tests/DanVan.E2E Postgres
wait
for provider in Sqlite Postgres; do
  for suite in core cli web; do count_suite "$suite" "$provider"; done
done
count_suite e2e Postgres

say "results in $out; the whole run took $((SECONDS / 60)) min $((SECONDS % 60)) s"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
