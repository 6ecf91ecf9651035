#!/usr/bin/env bash
# Builds the Debian package artifacts/nodemonitor_<version>_amd64.deb (version: <Version> in Directory.Build.props,
# which must match the top entry of build/debian/changelog). The CLI is native (NativeAOT); nodemonitor-worker is
# self-contained: the .NET runtime it runs on is inside, a node needs no .NET. Prints lintian's findings and the package
# size; exit 1 if lintian reports an error.
#   /usr/lib/nodemonitor/            the native CLI, and nodemonitor-worker with the runtime; /usr/bin/nodemonitor links to it
#   /var/lib/nodemonitor/linux-health/  the shipped plugin
#   /etc/nodemonitor/nodemonitor.json   conffile;  systemd nodemonitor.timer (enabled), nodemonitor.service,
#   nodemonitor-serve.service and nodemonitor-notify.service (disabled); man page nodemonitor(1); bash completion
# Needs the .NET SDK, clang and zlib1g-dev, debhelper, help2man and lintian (build/apt-packages.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '==> %s\n' "$*"; }
fail() { printf 'package.sh: %s\n' "$*" >&2; exit 2; }

command -v clang >/dev/null || command -v gcc >/dev/null || fail "clang is missing: run build/install-deps.sh (build/apt-packages.txt)"
for tool in dh help2man lintian dpkg-parsechangelog; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run build/install-deps.sh (build/apt-packages.txt)"
done
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
changelog_version=$(dpkg-parsechangelog -l build/debian/changelog -S Version)
[ "$version" = "$changelog_version" ] ||
  fail "build/debian/changelog is at $changelog_version but Directory.Build.props at $version: add a changelog entry for $version"

deb=artifacts/nodemonitor_${version}_amd64.deb
work=artifacts/.deb-staging
rm -rf "$work"
mkdir -p "$work/source"
cp -r build/debian "$work/source/debian"
root=$work/source/root
lib=$root/usr/lib/nodemonitor

step "publish the CLI native (NativeAOT, linux-x64; the compilation of build/build.sh when it is up to date)"
dotnet publish src/NodeMonitor.Cli/NodeMonitor.Cli.csproj -c Release -nologo -clp:ErrorsOnly -r linux-x64 -o "$lib"
rm -f "$lib/nodemonitor.dbg"
step "publish nodemonitor-worker beside it, self-contained (Microsoft.NETCore.App whole for plugins)"
dotnet publish src/NodeMonitor.Worker/NodeMonitor.Worker.csproj -c Release -nologo -clp:ErrorsOnly \
  -r linux-x64 --self-contained true -p:PublishReadyToRun=true \
  -p:CustomAfterMicrosoftCommonTargets="$PWD/build/debian/readytorun-nodemonitor-only.targets" \
  -p:DebugType=none -p:GenerateDocumentationFile=false -o "$lib"
# Runtime parts that load only when asked for (standalone GCs, LTTng tracing, debugger and crash-dump support).
rm -f "$lib"/libclrgc.so "$lib"/libclrgcexp.so "$lib"/libcoreclrtraceptprovider.so \
  "$lib"/libmscordaccore.so "$lib"/libmscordbi.so "$lib"/createdump
build/nunit-images.sh "$lib"
mkdir -p "$root/usr/bin"
ln -s ../lib/nodemonitor/nodemonitor "$root/usr/bin/nodemonitor"

step "publish the linux-health plugin to /var/lib/nodemonitor/linux-health (ReadyToRun)"
dotnet publish plugins/linux-health/NodeMonitor.Plugins.LinuxHealth.csproj -c Release -nologo -clp:ErrorsOnly \
  -r linux-x64 --self-contained false -p:PublishReadyToRun=true -p:DebugType=none -o "$root/var/lib/nodemonitor/linux-health"

step "configuration, systemd units, man page, bash completion"
install -D -m 0644 build/debian/nodemonitor.json "$root/etc/nodemonitor/nodemonitor.json"
install -D -m 0644 build/debian/nodemonitor.bash-completion "$root/usr/share/bash-completion/completions/nodemonitor"
for unit in nodemonitor.service nodemonitor.timer nodemonitor-serve.service nodemonitor-notify.service; do
  target=${unit/#nodemonitor-/nodemonitor.nodemonitor-}
  sed 's:/usr/local/bin/nodemonitor:/usr/bin/nodemonitor:g; /^# Install: /d' "samples/systemd/$unit" >"$work/source/debian/$target"
done
build/debian/manpage.sh "$lib/nodemonitor" "$version" >"$work/source/debian/nodemonitor.1"
echo "debian/nodemonitor.1" >"$work/source/debian/nodemonitor.manpages"

step "build $deb"
(cd "$work/source" && debian/rules binary >/dev/null)
mv "$work/nodemonitor_${version}_amd64.deb" "$deb"
rm -rf "$work"

step "lintian $deb"
findings=$(lintian --display-level '>=warning' --show-overrides "$deb" 2>&1 | grep -v '^running with root privileges') || true
printf '%s\n' "${findings:-(no findings)}"
if grep -q '^E:' <<<"$findings"; then
  echo "package.sh: lintian reports errors" >&2
  exit 1
fi

installed_kib=$(dpkg-deb -f "$deb" Installed-Size)
printf 'package: %s  %s MB (.deb), %s MB installed\n' "$deb" \
  "$(awk -v b="$(stat -c %s "$deb")" 'BEGIN { printf "%.1f", b / 1048576 }')" \
  "$(awk -v k="$installed_kib" 'BEGIN { printf "%.1f", k / 1024 }')"
