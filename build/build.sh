#!/usr/bin/env bash
# Builds NodeMonitor in Release and lays out artifacts/:
#   artifacts/bin/nodemonitor        the CLI, native (NativeAOT), with its worker beside it (framework-dependent ReadyToRun)
#   artifacts/plugins/<name>/        the sample plugins and shipped plugins, as a plugin root
#   artifacts/fixtures/<name>/       the test fixture plugins, as a plugin root (for the tests)
# Idempotent; needs the .NET SDK, and clang and zlib1g-dev for the native CLI (build/apt-packages.txt). Without them:
#   build/build.sh -p:NodeMonitorAot=false      the CLI framework-dependent ReadyToRun instead (about 0.1 to 0.4 CPU-s more per run)
# Arguments are MSBuild properties given to the build and to the CLI's publish. Shows what it builds as it goes: a step
# line per stage and a line per project built (on a terminal, .NET's live view of the projects building now).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '==> %s\n' "$*"; }
fail() { printf 'build.sh: %s\n' "$*" >&2; exit 2; }

aot=true
for property in "$@"; do
  case $property in
    -p:NodeMonitorAot=true) aot=true ;;
    -p:NodeMonitorAot=false) aot=false ;;
    -p:*=*) ;;
    *) fail "unknown argument '$property' (expected MSBuild properties, e.g. -p:NodeMonitorAot=false)" ;;
  esac
done
if [ "$aot" = true ]; then
  command -v clang >/dev/null || command -v gcc >/dev/null ||
    fail "the native CLI needs clang (or gcc) and zlib1g-dev: run build/install-deps.sh, or build/build.sh -p:NodeMonitorAot=false"
fi

step "build NodeMonitor.sln (Release)"
dotnet build NodeMonitor.sln -c Release -nologo -v:minimal "$@"

# A CLI of the other kind leaves files the new one does not overwrite (nodemonitor.dll and its runtimeconfig.json).
rm -f artifacts/bin/nodemonitor artifacts/bin/nodemonitor.dll artifacts/bin/nodemonitor.dbg \
  artifacts/bin/nodemonitor.runtimeconfig.json artifacts/bin/nodemonitor.deps.json
if [ "$aot" = true ]; then
  step "publish the CLI to artifacts/bin (NativeAOT: a cron tick pays no runtime start and no JIT for it)"
  dotnet publish src/NodeMonitor.Cli/NodeMonitor.Cli.csproj -c Release -nologo -v:minimal -r linux-x64 "$@" -o artifacts/bin
  step "publish nodemonitor-worker beside it (framework-dependent ReadyToRun: it loads plugins)"
  dotnet publish src/NodeMonitor.Worker/NodeMonitor.Worker.csproj -c Release -nologo -v:minimal \
    -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o artifacts/bin
else
  step "publish the CLI and its worker to artifacts/bin (framework-dependent ReadyToRun)"
  dotnet publish src/NodeMonitor.Cli/NodeMonitor.Cli.csproj -c Release -nologo -v:minimal \
    -r linux-x64 --self-contained false -p:PublishReadyToRun=true "$@" -o artifacts/bin
fi
step "precompile the NUnit the template pins, for the worker (artifacts/bin/nunit-images)"
build/nunit-images.sh artifacts/bin

step "publish sample and shipped plugins to artifacts/plugins (ReadyToRun, NUnit included)"
for proj in samples/*/*.csproj plugins/*/*.csproj; do
  [ -e "$proj" ] || continue
  name=$(basename "$(dirname "$proj")")
  printf '    %s\n' "$name"
  dotnet publish "$proj" -c Release -nologo -clp:ErrorsOnly -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "artifacts/plugins/$name"
done

if [ -x tests/fixtures/publish.sh ]; then
  step "publish test fixtures to artifacts/fixtures"
  tests/fixtures/publish.sh artifacts/fixtures
fi
step "NUnit engine extension; local package feed artifacts/packages (extension, NodeMonitor.Checks, dotnet new template)"
build/pack-templates.sh

step "done: artifacts/bin/nodemonitor"
