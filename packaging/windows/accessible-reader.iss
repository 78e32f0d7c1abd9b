; Accessible Reader (无障碍阅读器) — Windows installer, for Inno Setup 6.
;
; Build (on Windows, from the project folder):
;   py -m pip install .[dist]
;   py -m pip install --no-deps -r packaging\requirements-nodeps.txt
;   py -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller ^
;      packaging\pyinstaller\accessible-reader.spec
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\accessible-reader.iss
; Output: dist\accessible-reader-<version>-windows-x64-setup.exe
;
; Needs Inno Setup 6.3 or later (x64compatible). The script is UTF-8 with a BOM, which Inno
; Setup needs to read the Chinese names; keep the BOM when editing.
;
; The installer needs no administrator rights: it installs for the current user into
; %LOCALAPPDATA%\Programs\AccessibleReader and adds the Start-menu entry 无障碍阅读器 (an
; administrator may choose "install for all users" instead, e.g. for a kiosk account).
; Settings and the library are in %LOCALAPPDATA%\accessible-reader; the uninstaller leaves
; them (they are the user's). kiosk-setup.txt, installed beside the program and linked from
; the Start menu, explains a public-terminal set-up.
; tests/packaging/test_windows_installer.py checks this file against the project.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "无障碍阅读器"
#define AppNameEn "Accessible Reader"
#define AppExe "accessible-reader-window.exe"
#define AppUserModelId "io.github.accessible_reader"
#define Frozen "..\..\dist\accessible-reader"

[Setup]
; The AppId never changes: upgrades and the uninstaller find the installation by it.
AppId={{6F1C2B0E-5A7D-4C39-9E64-2B8F3D41A7C5}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Accessible Reader contributors
AppCopyright=MIT License
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppNameEn}
VersionInfoDescription={#AppName} ({#AppNameEn}) Setup
; Per-user install without administrator rights; {autopf} is then
; %LOCALAPPDATA%\Programs and {autoprograms} the user's Start menu.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\AccessibleReader
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
; PySide6 (Qt 6) runs on 64-bit Windows 10 and later.
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\..\LICENSE
SetupIconFile=accessible-reader.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} ({#AppNameEn})
OutputDir=..\..\dist
OutputBaseFilename=accessible-reader-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Large, clear wizard text for low-vision users; the wizard is keyboard-driven and read
; by NVDA, 争渡 and 永德 like any standard Windows dialog.
WizardSizePercent=120
; A running reader holds its files open: ask to close it rather than fail half-way.
CloseApplications=yes
RestartApplications=no
ChangesAssociations=yes

[Languages]
; Simplified Chinese first (the default for a Chinese Windows), English as well.
; ChineseSimplified.isl ships with recent Inno Setup releases; with an older one, put the
; translation into Inno Setup's Languages folder, or the installer is built in English only.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
  #pragma warning "ChineseSimplified.isl not found: the installer will be in English only"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.KioskNotes=Kiosk set-up notes
english.OpenWith=Open with Accessible Reader
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
chinesesimplified.KioskNotes=信息亭设置说明
chinesesimplified.OpenWith=用无障碍阅读器打开
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The one-folder PyInstaller build: both executables and _internal.
Source: "{#Frozen}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\..\LICENSE"; DestDir: "{app}"; DestName: "LICENSE.txt"; Flags: ignoreversion
Source: "kiosk-setup.txt"; DestDir: "{app}\kiosk"; Flags: ignoreversion
Source: "kiosk-loop.ps1"; DestDir: "{app}\kiosk"; Flags: ignoreversion
Source: "..\kiosk.example.toml"; DestDir: "{app}\kiosk"; Flags: ignoreversion

[Icons]
; The Start-menu entry carries the Chinese name; the AppUserModelID groups the running
; window with its pinned taskbar icon.
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{#AppNameEn}"; AppUserModelID: "{#AppUserModelId}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{#AppNameEn}"; AppUserModelID: "{#AppUserModelId}"; Tasks: desktopicon
Name: "{autoprograms}\{#AppName} {cm:KioskNotes}"; Filename: "{app}\kiosk\kiosk-setup.txt"

[Registry]
; "Open with" for saved pages (no default association is taken from the user's browser).
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open"; ValueType: string; ValueName: ""; ValueData: "{cm:OpenWith}"
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".html"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".htm"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".mht"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".mhtml"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".txt"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.html\OpenWithList\{#AppExe}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\.htm\OpenWithList\{#AppExe}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\.mht\OpenWithList\{#AppExe}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\.mhtml\OpenWithList\{#AppExe}"; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
