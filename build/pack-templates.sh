#!/usr/bin/env bash
# Lays out the desk-side packages, all at the one version in Directory.Build.props (<Version>):
#   artifacts/extension/NUnit.Extension.NodeMonitor/tools/    the NUnit engine extension, ready to drop in or above a test output folder
#   artifacts/packages/  a local NuGet folder feed with
#     NUnit.Extension.NodeMonitor.<v>.nupkg   the same extension as a package (tools/ + a build/.targets that copies it)
#     NodeMonitor.Checks.<v>.nupkg            the author package (resources, Nagios.Check, Metric)
#     NodeMonitor.Templates.<v>.nupkg         `dotnet new install` it for `dotnet new nodemonitor-plugin`
#   artifacts/nuget.config   names that feed: copy it into (or above) the folder of your plugin projects
# and installs the template for this user, so `dotnet new nodemonitor-plugin` works right after the build.
# Everything is built into a staging folder first, so a failed build leaves the previous artifacts in place.
set -euo pipefail
cd "$(dirname "$0")/.."
staging=artifacts/.pack-staging
rm -rf "$staging"
dotnet publish src/NodeMonitor.Extension/NodeMonitor.Extension.csproj -c Release -nologo -clp:ErrorsOnly \
  -o "$staging/extension/tools"
for proj in src/NodeMonitor.Extension/NodeMonitor.Extension.csproj src/NodeMonitor.Checks/NodeMonitor.Checks.csproj \
  templates/NodeMonitor.Templates.csproj; do
  dotnet pack "$proj" -c Release -nologo -clp:ErrorsOnly -o "$staging/packages"
done

rm -rf artifacts/extension/NUnit.Extension.NodeMonitor
mkdir -p artifacts/extension artifacts/packages
mv "$staging/extension" artifacts/extension/NUnit.Extension.NodeMonitor
# Only this build's packages in the feed, so an older version is never restored from it.
rm -f artifacts/packages/NUnit.Extension.NodeMonitor.*.nupkg artifacts/packages/NodeMonitor.Checks.*.nupkg \
  artifacts/packages/NodeMonitor.Templates.*.nupkg
mv "$staging"/packages/*.nupkg artifacts/packages/
rm -rf "$staging"

feed=$PWD/artifacts/packages
cat >artifacts/nuget.config <<EOF
<?xml version="1.0" encoding="utf-8"?>
<!-- The NodeMonitor package feed of this build (NodeMonitor.Checks, NUnit.Extension.NodeMonitor). Copy this file into
     the folder that holds your plugin projects, or a folder above it. Your other package sources stay in use. -->
<configuration>
  <packageSources>
    <add key="nodemonitor" value="$feed" />
  </packageSources>
</configuration>
EOF
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
dotnet new install "$feed/NodeMonitor.Templates.$version.nupkg" --force >/dev/null ||
  echo "warning: could not install the template: dotnet new install $feed/NodeMonitor.Templates.$version.nupkg" >&2
echo 'plugins: `dotnet new nodemonitor-plugin` is installed; copy artifacts/nuget.config into the folder of your plugin projects'
