; station_desk — the per-user Windows installer (setup.exe), made with NSIS 3 from the PyInstaller folder.
;
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DSRCDIR=dist\windows\station_desk \
;            -DOUTFILE=dist\windows\station_desk-0.1.0-setup.exe [-DSMALL] build/windows/station_desk.nsi
;
; build/windows/wine_build.sh runs it (Debian's nsis; the 64-bit stub). Per user: no administrator rights, the
; program goes to %LOCALAPPDATA%\Programs\station_desk, the uninstaller is registered under HKCU.
; The station's data (%LOCALAPPDATA%\station_desk\: station.db, backups\) is a different folder and is never
; touched: not by an upgrade, not by the uninstaller.
; Silent: setup.exe /S [/D=C:\other folder] ; uninstall.exe /S

Unicode true
Target amd64-unicode
!ifdef SMALL
  SetCompressor /SOLID lzma        ; wine_build.sh --small-installer: ~40 % smaller than the zip, 5-8 minutes here
  SetCompressorDictSize 32
!else
  SetCompressor zlib               ; the default: ~20 s of CPU, about the zip's size
!endif
RequestExecutionLevel user
ManifestDPIAware true
ManifestSupportedOS {8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a} ; Windows 10 / 11

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef SRCDIR
  !error "pass -DSRCDIR=the PyInstaller folder (dist\windows\station_desk)"
!endif
!ifndef OUTFILE
  !define OUTFILE "station_desk-${VERSION}-setup.exe"
!endif

!define APPKEY "station_desk"
!define PRODUCT "服务中心前台管理"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPKEY}"

Name "${PRODUCT} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\station_desk"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "station_desk ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "FileDescription" "${PRODUCT} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "station_desk"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\station_desk.exe"
!define MUI_FINISHPAGE_RUN_TEXT "启动${PRODUCT}"
!define MUI_WELCOMEPAGE_TEXT "将把${PRODUCT} ${VERSION} 安装到本机（仅当前用户，无需管理员权限）。$\r$\n$\r$\n站点数据保存在 %LOCALAPPDATA%\station_desk\ 中，升级或卸载都不会改动它。$\r$\n$\r$\n要求：Windows 10 1903 或更新版本（64 位），或 Windows 11。"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${PRODUCT}需要 64 位的 Windows 10 1903 或更新版本。" /SD IDOK
    Abort
  ${EndIf}
  ; Qt 6.11 needs Windows 10 1903 (build 18362) or later: it uses the system's ICU (icuuc.dll).
  ReadRegStr $0 HKLM "SOFTWARE\Microsoft\Windows NT\CurrentVersion" "CurrentBuildNumber"
  ${If} $0 != ""
  ${AndIf} $0 < 18362
    MessageBox MB_ICONSTOP "${PRODUCT}需要 Windows 10 1903（版本号 18362）或更新版本，本机版本号为 $0。" /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

; A running program keeps its files open: replacing or removing them would fail half-way. Ask to close it first
; (silent: give up with an error exit code, nothing changed).
!macro CHECK_NOT_RUNNING un
Function ${un}CheckNotRunning
  retry:
  ${If} ${FileExists} "$INSTDIR\station_desk.exe"
    ClearErrors
    FileOpen $0 "$INSTDIR\station_desk.exe" a
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${PRODUCT}正在运行。请先关闭它的所有窗口，再点“重试”。" /SD IDCANCEL IDRETRY retry
      Abort
    ${EndIf}
    FileClose $0
  ${EndIf}
FunctionEnd
!macroend
!insertmacro CHECK_NOT_RUNNING ""
!insertmacro CHECK_NOT_RUNNING "un."

Section "程序" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  Call CheckNotRunning
  ; An upgrade: the old program files go first (a file the new version no longer has must not linger in
  ; _internal\). Only the program folder; the data folder is elsewhere and stays as it is.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\station_desk.exe"
  Delete "$INSTDIR\station_desk_cli.exe"
  File /r "${SRCDIR}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk" "$INSTDIR\station_desk.exe" "" "$INSTDIR\station_desk.exe" 0
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\${PRODUCT}（演示站）.lnk" "$INSTDIR\station_desk.exe" "--demo" \
    "$INSTDIR\station_desk.exe" 0 SW_SHOWNORMAL "" "打开演示站（与真实数据分开）"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\卸载${PRODUCT}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\station_desk.exe" "" "$INSTDIR\station_desk.exe" 0

  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "station_desk"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\station_desk.exe"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Call un.CheckNotRunning
  ; Only what the installer put there: never $INSTDIR recursively (someone may have chosen a folder with other
  ; files), never %LOCALAPPDATA%\station_desk\ (the station's data and backups).
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\station_desk.exe"
  Delete "$INSTDIR\station_desk_cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\${PRODUCT}（演示站）.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\卸载${PRODUCT}.lnk"
  RMDir "$SMPROGRAMS\${PRODUCT}"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd
