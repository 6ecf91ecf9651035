#!/usr/bin/env bash
# Builds NodeMonitor in Release and lays out artifacts/:
#   artifacts/bin/nodemonitor        the CLI (framework-dependent, with its worker beside it)
#   artifacts/plugins/<name>/        the sample plugins and shipped plugins, as a plugin root
#   artifacts/fixtures/<name>/       the test fixture plugins, as a plugin root (for the tests)
# Idempotent; needs only the .NET SDK. Shows what it builds as it goes: a step line per stage and a line per project
# built (on a terminal, .NET's live view of the projects building now).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '==> %s\n' "$*"; }

step "build NodeMonitor.sln (Release)"
dotnet build NodeMonitor.sln -c Release -nologo -v:minimal

step "publish the CLI to artifacts/bin (ReadyToRun: precompiled, so a cron tick does not pay for JIT)"
dotnet publish src/NodeMonitor.Cli/NodeMonitor.Cli.csproj -c Release -nologo -v:minimal \
  -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o artifacts/bin
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
