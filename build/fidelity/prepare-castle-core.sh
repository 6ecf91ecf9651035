#!/usr/bin/env bash
# Extracts Castle.Core (https://github.com/castleproject/Core) from a git repository into a scratch folder and adapts its
# build to this machine: net10.0 only (the library, its logging integrations and the tests), package versions pinned to
# what the NuGet feed here serves (NUnit stays on its 3.14 framework). Serilog.Sinks.TextWriter is not served here, so
# the Serilog integration's test file (the only user of that sink) is left out; no other test changes.
# Usage: build/fidelity/prepare-castle-core.sh GIT_DIR DEST     (DEST must be outside this repository)
# Then:  build/fidelity/compare-library.sh DEST/src/Castle.Core.Tests/Castle.Core.Tests.csproj
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/extract-library.sh"
cd "$dest/src"
sed -i 's#<TargetFrameworks>[^<]*</TargetFrameworks>#<TargetFrameworks>net10.0</TargetFrameworks>#' */*.csproj
sed -i -e 's/Include="NUnit3TestAdapter" Version="[^"]*"/Include="NUnit3TestAdapter" Version="6.3.1"/' \
  -e 's/Include="Microsoft.NET.Test.Sdk" Version="[^"]*"/Include="Microsoft.NET.Test.Sdk" Version="18.11.0"/' \
  -e '/Include="Serilog.Sinks.TextWriter"/d' -e 's/Include="PublicApiGenerator" Version="[^"]*"/Include="PublicApiGenerator" Version="11.5.4"/' \
  Castle.Core.Tests/Castle.Core.Tests.csproj
sed -i 's/Include="log4net" Version="[^"]*"/Include="log4net" Version="2.0.12"/' Castle.Services.Logging.log4netIntegration/*.csproj
sed -i 's/Include="NLog" Version="[^"]*"/Include="NLog" Version="4.7.13"/' Castle.Services.Logging.NLogIntegration/*.csproj
sed -i 's/Include="Serilog" Version="[^"]*"/Include="Serilog" Version="2.7.1"/' Castle.Services.Logging.SerilogIntegration/*.csproj
rm Castle.Core.Tests/Services.Logging.Tests/SerilogIntegration/SerilogTests.cs
# Build switches the adapted build needs (read by compare-library.sh): warnings of the newer SDK are not the tests' business.
echo "-p:TreatWarningsAsErrors=false -p:NoWarn=NU1603%3BNU1510%3BNU1901%3BNU1902%3BNU1903%3BNU1904%3BSYSLIB0011%3BSYSLIB0050%3BSYSLIB0051" > .fidelity-build-args
echo "prepared Castle.Core $(git --git-dir="$git_dir" rev-parse --short HEAD) in $dest"
