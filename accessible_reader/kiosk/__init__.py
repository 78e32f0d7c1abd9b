"""Kiosk mode's Qt-free core: a public terminal that resets between visitors and stays up.

The Qt kiosk shell (accessible_reader/ui) is built on these pieces; each is driven by an
injected clock, so tests run the whole life of a kiosk without waiting:

- config: the kiosk file (TOML): lookup order, strict checking against its declared
  options (accessible_reader.schema), the PIN line (tomlkit);
- pin: PBKDF2 PIN hashes and PinGate, the rate limiter of the PIN pad, whose count
  and lockout AttemptsFile keeps on disk;
- idle: IdleMonitor, idle → "还在使用吗？" countdown → reset;
- reset: what a reset puts back (visitor_reset_settings) and VisitorReset's steps;
- refresh: ContentRefresher, scheduled column syncs and folder imports on a worker;
- crashlog: crash logs for the systemd unit in packaging/ to restart after.
"""

ADMIN_EXIT_CODE = 3
"""Exit status after the administrator's PIN-confirmed exit. The systemd unit lists it
in RestartPreventExitStatus, so the kiosk stays down; any other exit (crash, kill,
window closed by force) is restarted. 0 is not used: Qt returns 0 when the last
window closes, and that must never count as the administrator leaving."""
