#!/usr/bin/env bash
# Extracts Markdig (https://github.com/xoofx/markdig) from a git repository into a scratch folder and adapts its build
# to this machine, without changing a test: net10.0 only (the library, the spec generator and the tests), package
# versions pinned to what the NuGet feed here serves, no MinVer (the extracted tree has no git history to version from).
# Usage: build/fidelity/prepare-markdig.sh GIT_DIR DEST     (DEST must be outside this repository)
# Then:  build/fidelity/compare-library.sh DEST/src/Markdig.Tests/Markdig.Tests.csproj
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/extract-library.sh"
cd "$dest/src"
sed -i 's#<TargetFrameworks>[^<]*</TargetFrameworks>#<TargetFrameworks>net10.0</TargetFrameworks>#' \
  Markdig/Markdig.targets SpecFileGen/SpecFileGen.csproj Markdig.Tests/Markdig.Tests.csproj
# MinVer reads the version from git tags; the library's version is not the tests' business.
sed -i -e '/<PackageReference Include="MinVer">/,/<\/PackageReference>/d' -e '/<Target Name="PatchVersion"/,/<\/Target>/d' \
  Markdig/Markdig.targets
sed -i -e 's/Include="NUnit" Version="[^"]*"/Include="NUnit" Version="4.6.1"/' \
  -e 's/Include="NUnit3TestAdapter" Version="[^"]*"/Include="NUnit3TestAdapter" Version="6.3.1"/' \
  -e 's/Include="Microsoft.NET.Test.Sdk" Version="[^"]*"/Include="Microsoft.NET.Test.Sdk" Version="18.11.0"/' \
  Directory.Packages.props
# Build switches the adapted build needs (read by compare-library.sh): warnings of the newer SDK are not the tests' business.
echo "-p:TreatWarningsAsErrors=false" > .fidelity-build-args
echo "prepared Markdig $(git --git-dir="$git_dir" rev-parse --short HEAD) in $dest"
