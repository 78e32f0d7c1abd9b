# Accessible Reader (无障碍阅读器) kiosk on Windows Pro/Home: start the reader again whenever
# it ends, except after the administrator's PIN-confirmed exit (exit code 3), as the Linux
# systemd unit does (packaging/accessible-reader-kiosk.service). See kiosk-setup.txt.
$ErrorActionPreference = "Stop"
$reader = Join-Path (Split-Path -Parent $PSScriptRoot) "accessible-reader-window.exe"
$adminExit = 3
$delay = 2
while ($true) {
    $process = Start-Process -FilePath $reader -ArgumentList "--kiosk" -PassThru -Wait
    if ($process.ExitCode -eq $adminExit) { break }
    # Back off after quick repeated failures (at most a minute), as RestartSteps does.
    Start-Sleep -Seconds $delay
    $delay = [Math]::Min($delay * 2, 60)
    if ($process.ExitTime - $process.StartTime -gt [TimeSpan]::FromMinutes(10)) { $delay = 2 }
}
