#!/usr/bin/env bash
# Extracts NodaTime (https://github.com/nodatime/nodatime) from a git repository into a scratch folder and adapts
# its build to this machine, without changing a test: net10.0 only (no net48), package versions pinned to what the
# NuGet feed here serves, no InheritDoc tool package, no package validation against the last release.
# Usage: build/fidelity/prepare-nodatime.sh GIT_DIR DEST     (DEST must be outside this repository)
# Then:  build/fidelity/compare-library.sh DEST/src/NodaTime.Test/NodaTime.Test.csproj
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/extract-library.sh"
cd "$dest"
sed -i 's#<TargetFrameworks>net48;net10.0</TargetFrameworks>#<TargetFrameworks>net10.0</TargetFrameworks>#' src/NodaTime.Test/NodaTime.Test.csproj
sed -i '/SauceControl.InheritDoc/d' Directory.Build.targets
sed -i -e 's/Include="NUnit" Version="[^"]*"/Include="NUnit" Version="4.6.1"/' \
  -e 's/Include="NUnit3TestAdapter" Version="[^"]*"/Include="NUnit3TestAdapter" Version="6.3.1"/' \
  -e 's/Include="Microsoft.NET.Test.Sdk" Version="[^"]*"/Include="Microsoft.NET.Test.Sdk" Version="18.11.0"/' \
  -e 's/Include="Microsoft.Extensions.TimeProvider.Testing" Version="[^"]*"/Include="Microsoft.Extensions.TimeProvider.Testing" Version="10.10.0"/' \
  -e 's/Include="Microsoft.CodeAnalysis.NetAnalyzers" Version="[^"]*"/Include="Microsoft.CodeAnalysis.NetAnalyzers" Version="10.0.303"/' \
  Directory.Packages.props
# Build switches the adapted build needs (read by compare-library.sh): NU1603 = a dependency resolved to a newer
# patch than it asked for (ApprovalTests' own dependencies); warnings of newer analyzers are not the tests' business.
echo "-p:NoWarn=NU1603 -p:EnablePackageValidation=false -p:TreatWarningsAsErrors=false" > .fidelity-build-args
echo "prepared NodaTime $(git --git-dir="$git_dir" rev-parse --short HEAD) in $dest"
