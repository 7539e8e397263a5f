#!/usr/bin/env bash
# Fenghuo's two commands:
#   ./build.sh run  [AppHost options]   start the whole platform (gateway on http://127.0.0.1:8080)
#   ./build.sh test [dotnet test args]  build and run every test against real PostgreSQL and RabbitMQ
#   ./build.sh bench [bench options]    build Release and print the benchmarks' figures (bench/Incidents.Bench --help)
#   ./build.sh chaos [--short]          kill RabbitMQ, PostgreSQL and services under load; print what was lost or doubled
#   ./build.sh bench-summaries [options] build Release and print the summaries' figures (bench/Summaries.Bench --help)
#   ./build.sh bench-outbox [options]    build Release and print the outbox relay's drain rate (bench/Outbox.Bench --help)
# Each installs what this machine is missing first (Debian packages), so a fresh clone needs nothing else.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '\033[1m[build]\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_system_packages() {
  local missing=()
  [ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
  # The portal's browser tests drive Debian's Chromium (Playwright cannot download browsers here);
  # Chinese renders only with a CJK font.
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} (Debian packages)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # The packages' own system services are not used: the AppHost and the tests start private instances.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  if ! command -v dotnet >/dev/null; then
    say "the .NET 10 SDK is required (dotnet on PATH)"; exit 1
  fi
}

build() {
  say "restoring the local tools (.config/dotnet-tools.json: smtp4dev) and building Platform.sln"
  dotnet tool restore >/dev/null
  dotnet build Platform.sln -nologo -clp:NoSummary -v:q "$@"
}

run() {
  ensure_system_packages
  build
  say "starting the platform (Ctrl-C stops everything)"
  # A shell starts a background job with SIGINT ignored, and .NET then never hears Ctrl-C or
  # `kill -INT`: restore the default so the AppHost stops everything either way.
  exec env --default-signal=INT dotnet run --project AppHost --no-build -- "$@"
}

# Runs every test project one after another (each starts its own PostgreSQL/RabbitMQ or whole
# topology, which two cores cannot run side by side), then prints one summary line.
test_all() {
  ensure_system_packages
  build
  local results; results=$(mktemp -d)
  local status=0
  local project
  for project in $(dotnet sln Platform.sln list | grep -E '^tests/.*\.Tests\.csproj$|^tests/Platform\.EndToEnd/' | sort); do
    say "testing ${project}"
    dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$(basename "$project" .csproj).trx" \
      --results-directory "$results" "$@" || status=1
  done
  summarise "$results"
  rm -rf "$results"
  return $status
}

summarise() {
  local passed=0 failed=0 skipped=0 file counters
  for file in "$1"/*.trx; do
    [ -f "$file" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$file" | head -1)
    passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")))
    failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")))
    skipped=$((skipped + $(sed -E 's/.* notExecuted="([0-9]+)".*/\1/' <<<"$counters")))
  done
  echo "${passed} passed, ${failed} failed, ${skipped} skipped"
}

# Release, because figures of a Debug build say nothing; the bench starts its own platform.
run_bench() {
  ensure_system_packages
  build -c Release
  say "running bench/Incidents.Bench (Release)"
  exec dotnet bench/Incidents.Bench/bin/Release/net10.0/Fenghuo.Incidents.Bench.dll "$@"
}

# The chaos run starts its own platform, kills its parts under load and reads its databases afterwards.
run_chaos() {
  ensure_system_packages
  build
  say "running bench/Chaos"
  exec dotnet bench/Chaos/bin/Debug/net10.0/Fenghuo.Chaos.dll "$@"
}

# The summaries' read model and exports on a synthetic province; it starts its own PostgreSQL only.
run_summaries_bench() {
  ensure_system_packages
  say "building bench/Summaries.Bench (Release)"
  dotnet build bench/Summaries.Bench/Summaries.Bench.csproj -c Release -nologo -clp:NoSummary -v:q
  exec dotnet bench/Summaries.Bench/bin/Release/net10.0/Fenghuo.Summaries.Bench.dll "$@"
}

# The outbox relay draining a backlog; it starts its own PostgreSQL and RabbitMQ only.
run_outbox_bench() {
  ensure_system_packages
  say "building bench/Outbox.Bench (Release)"
  dotnet build bench/Outbox.Bench/Outbox.Bench.csproj -c Release -nologo -clp:NoSummary -v:q
  exec dotnet bench/Outbox.Bench/bin/Release/net10.0/Fenghuo.Outbox.Bench.dll "$@"
}

case "${1:-}" in
  run) shift; run "$@" ;;
  test) shift; test_all "$@" ;;
  bench) shift; run_bench "$@" ;;
  chaos) shift; run_chaos "$@" ;;
  bench-summaries) shift; run_summaries_bench "$@" ;;
  bench-outbox) shift; run_outbox_bench "$@" ;;
  *) echo "usage: ./build.sh run [--fresh] [--gateway-port N] | ./build.sh test | ./build.sh bench [--help] | ./build.sh bench-summaries [--help] | ./build.sh bench-outbox [--help] | ./build.sh chaos [--short]" >&2; exit 2 ;;
esac
