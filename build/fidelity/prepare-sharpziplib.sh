#!/usr/bin/env bash
# Extracts SharpZipLib (https://github.com/icsharpcode/SharpZipLib) from a git repository into a scratch folder and
# adapts its build to this machine, without changing a test: net10.0 only (the library and the tests), package versions
# pinned to what the NuGet feed here serves (NUnit stays on the 3.x framework the tests were written for), no
# nunit.console (a console runner the tests do not use).
# Usage: build/fidelity/prepare-sharpziplib.sh GIT_DIR DEST     (DEST must be outside this repository)
# Then:  build/fidelity/compare-library.sh DEST/test/ICSharpCode.SharpZipLib.Tests/ICSharpCode.SharpZipLib.Tests.csproj
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/extract-library.sh"
cd "$dest"
tests=test/ICSharpCode.SharpZipLib.Tests/ICSharpCode.SharpZipLib.Tests.csproj
sed -i 's#<TargetFrameworks>[^<]*</TargetFrameworks>#<TargetFrameworks>net10.0</TargetFrameworks>#' \
  src/ICSharpCode.SharpZipLib/ICSharpCode.SharpZipLib.csproj "$tests"
sed -i -e '/Include="nunit.console"/d' \
  -e 's/Include="nunit" Version="[^"]*"/Include="nunit" Version="3.13.3"/' \
  -e 's/Include="NUnit3TestAdapter" Version="[^"]*"/Include="NUnit3TestAdapter" Version="6.3.1"/' \
  -e 's/Include="Microsoft.NET.Test.Sdk" Version="[^"]*"/Include="Microsoft.NET.Test.Sdk" Version="18.11.0"/' "$tests"
# Build switches the adapted build needs (read by compare-library.sh): no package is made; SYSLIB0011 (BinaryFormatter
# is obsolete, an error from .NET 8 on) compiles the two serialization tests, which then fail alike under both runners.
echo "-p:GeneratePackageOnBuild=false -p:TreatWarningsAsErrors=false -p:NoWarn=SYSLIB0011%3BNU1510%3BNU1603" > .fidelity-build-args
echo "prepared SharpZipLib $(git --git-dir="$git_dir" rev-parse --short HEAD) in $dest"
