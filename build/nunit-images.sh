#!/usr/bin/env bash
# Precompiles (ReadyToRun) the nunit.framework and nunit.framework.legacy of the NUnit version pinned in
# Directory.Packages.props (the version the plugin template pins) into DIR/nunit-images/, beside nodemonitor-worker.
# The worker loads such an image instead of a plugin's copy when both are the same build (same MVID): NUnit is then
# not JIT-compiled at every run. Called by build.sh and package.sh.   build/nunit-images.sh DIR [RID]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: build/nunit-images.sh DIR [RID]}
rid=${2:-linux-x64}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet publish build/nunit-images/NodeMonitor.NUnitImages.csproj -c Release -nologo -v:q -clp:ErrorsOnly \
  -r "$rid" --self-contained false -p:PublishReadyToRun=true -p:DebugType=none -o "$out"
rm -rf "$dir/nunit-images"
mkdir -p "$dir/nunit-images"
cp "$out/nunit.framework.dll" "$out/nunit.framework.legacy.dll" "$dir/nunit-images/"
