; Inno Setup 6 script: a per-user installer for the one-folder build of packaging/iclei-desktop.spec.
; UNTESTED: written on Linux, where neither Windows nor Inno Setup runs. See packaging/README.md.
;
; Build on Windows, from the repository root:
;   py -m venv packaging\.build-venv
;   packaging\.build-venv\Scripts\python -m pip install . -r packaging\requirements-build.txt
;   packaging\.build-venv\Scripts\python -m PyInstaller --noconfirm --clean --distpath dist packaging\iclei-desktop.spec
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\iclei-desktop.iss
; The installer is written to dist\installer\.
;
; Data: the catalogue lives in the user's AppData (%LOCALAPPDATA%\ICLEI\ICLEI Desktop, from
; platformdirs), never in the install folder; settings in the registry under HKCU\Software\ICLEI.
; Neither is touched by an upgrade or by uninstalling.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
; Never change AppId: an upgrade is recognised by it and installs over the old version in place.
AppId={{6F1C8E2A-5B7D-4E93-9C1A-3D2F8B6E4A10}
AppName=ICLEI Desktop
AppVersion={#AppVersion}
AppVerName=ICLEI Desktop {#AppVersion}
AppPublisher=ICLEI East Asia Secretariat
; Per user, no administrator rights: installs under %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
DefaultDirName={autopf}\ICLEI Desktop
DefaultGroupName=ICLEI Desktop
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
; The app must be closed to replace its files; Restart Manager asks it to.
CloseApplications=yes
RestartApplications=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist\installer
OutputBaseFilename=iclei-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName=ICLEI Desktop
UninstallDisplayIcon={app}\iclei-desktop.exe
; SetupIconFile needs an .ico; resources/ has only the SVG so far:
; SetupIconFile=..\..\resources\icons\iclei-desktop.ico

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole program folder, so no file of the old version (a Qt plugin,
; a migration renamed since) is left to be loaded by the new one. Only {app} is cleaned:
; the catalogue is in AppData.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\iclei-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\ICLEI Desktop"; Filename: "{app}\iclei-desktop.exe"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\ICLEI Desktop"; Filename: "{app}\iclei-desktop.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\iclei-desktop.exe"; Description: "{cm:LaunchProgram,ICLEI Desktop}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself left in its folder; the catalogue and its backups stay in AppData.
Type: filesandordirs; Name: "{app}\_internal"

[Code]
// A quick check that the installed copy finds its Qt plugins, migrations and seed. It runs on
// a temporary catalogue, never the user's; [Run] entries cannot look at an exit code, so here.
procedure CurStepChanged(CurStep: TSetupStep);
var
  ResultCode: Integer;
begin
  if CurStep = ssPostInstall then
  begin
    if not Exec(ExpandConstant('{app}\iclei-desktop-cli.exe'), '--self-test', '', SW_HIDE,
                ewWaitUntilTerminated, ResultCode) or (ResultCode <> 0) then
      SuppressibleMsgBox('ICLEI Desktop was installed, but its self-test failed. Run ' +
        '"iclei-desktop-cli.exe --self-test" in the install folder to see why.',
        mbError, MB_OK, IDOK);
  end;
end;
