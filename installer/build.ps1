# Build the Windows installer: PowerShell wrapper around installer/build.py.
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1 [--no-installer]
# Needs uv (https://docs.astral.sh/uv/) and NSIS (choco install nsis). Stops at the first failure.
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$root = Split-Path -Parent $PSScriptRoot
Push-Location $root
try {
    uv sync --frozen
    if ($LASTEXITCODE -ne 0) { throw "uv sync failed (exit $LASTEXITCODE)" }
    uv run --frozen python installer/build.py @args
    if ($LASTEXITCODE -ne 0) { throw "installer/build.py failed (exit $LASTEXITCODE)" }
}
finally {
    Pop-Location
}
