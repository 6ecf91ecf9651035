#!/usr/bin/env bash
# Lays out the desk-side packages:
#   artifacts/extension/NUnit.Extension.NodeMonitor/tools/   the NUnit engine extension, ready to drop in or above a test output folder
#   artifacts/packages/NUnit.Extension.NodeMonitor.<v>.nupkg  the same as a package (tools/ + a build/.targets that copies it)
#   artifacts/packages/NodeMonitor.Templates.<v>.nupkg        `dotnet new install` it for `dotnet new nodemonitor-plugin`
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf artifacts/extension/NUnit.Extension.NodeMonitor
dotnet publish src/NodeMonitor.Extension/NodeMonitor.Extension.csproj -c Release -nologo -clp:ErrorsOnly \
  -o artifacts/extension/NUnit.Extension.NodeMonitor/tools
dotnet pack src/NodeMonitor.Extension/NodeMonitor.Extension.csproj -c Release -nologo -clp:ErrorsOnly -o artifacts/packages
dotnet pack templates/NodeMonitor.Templates.csproj -c Release -nologo -clp:ErrorsOnly -o artifacts/packages
