; Installer for POS 到账助手 (POS Payout Aid).
;
;   makensis /DVERSION=0.1.0 /DVERSION_NUMERIC=0.1.0.0 /DDIST_DIR=dist\posaid
;            /DOUT_FILE=dist\posaid-0.1.0-setup.exe installer\posaid.nsi
;
; installer/build.py passes these from pyproject.toml (the version lives there and nowhere else)
; and from the PyInstaller output folder; nothing here names a version or a build path.
;
; - Per-user install by default into %LOCALAPPDATA%\Programs\posaid: no administrator rights, no
;   UAC prompt. "All users" installs into Program Files; only then does the installer restart
;   itself with a UAC prompt (/ALLUSERS). Silent: /S [/ALLUSERS | /CURRENTUSER] [/D=folder].
; - The user's records live in %APPDATA%\posaid and are never under the install folder, so an
;   upgrade replaces the program files only. The uninstaller keeps the records unless the user
;   ticks "also delete my records" (silent: /DELETEDATA).
; - Windows 10 (1809+) or 11, 64-bit: Qt 6 does not run on Windows 7/8; older systems are refused.

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma
SetCompressorDictSize 32

!ifndef VERSION
  !error "Pass the version from pyproject.toml: /DVERSION=x.y.z (installer/build.py does this)"
!endif
!ifndef VERSION_NUMERIC
  !error "Pass the four-part version: /DVERSION_NUMERIC=x.y.z.0 (installer/build.py does this)"
!endif
!ifndef DIST_DIR
  !error "Pass the PyInstaller one-folder output: /DDIST_DIR=...\posaid"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "posaid-${VERSION}-setup.exe"
!endif

!define APP_ID "posaid"
!define APP_EXE "posaid.exe"
!define APP_NAME_ZH "POS 到账助手"
!define APP_NAME_EN "POS Payout Aid"
!define PUBLISHER "POS Payout Aid project"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define SETTINGS_KEY "Software\${APP_ID}\Installer"
!define MIN_BUILD 17763 ; Windows 10 1809, the oldest Windows 10 Qt 6 supports

Name "${APP_NAME_ZH} ${VERSION}"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
BrandingText "${APP_NAME_ZH} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION_NUMERIC}"
VIFileVersion "${VERSION_NUMERIC}"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME_ZH} / ${APP_NAME_EN}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME_ZH} ${VERSION} Setup"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "WinVer.nsh"
!include "x64.nsh"
!include "nsDialogs.nsh"

Var AllUsers      ; "1": all users (Program Files, HKLM); "0": this user only
Var ModeGiven     ; "1" when /ALLUSERS or /CURRENTUSER was on the command line
Var Elevated      ; "1" in the copy restarted with administrator rights (it skips the welcome)
Var RadioMe
Var RadioAll
Var DeleteData    ; uninstaller: "1" to delete %APPDATA%\posaid
Var CheckDelete

!ifdef APP_ICON
  !define MUI_ICON "${APP_ICON}"
  !define MUI_UNICON "${APP_ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_LANGDLL_REGISTRY_ROOT "HKCU"
!define MUI_LANGDLL_REGISTRY_KEY "${SETTINGS_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "Language"

; ---- Pages ------------------------------------------------------------------------------------
!define MUI_WELCOMEPAGE_TITLE "$(WelcomeTitle)"
!define MUI_WELCOMEPAGE_TEXT "$(WelcomeText)"
!define MUI_PAGE_CUSTOMFUNCTION_PRE WelcomePre
!insertmacro MUI_PAGE_WELCOME
Page custom ModePageShow ModePageLeave
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"
!define MUI_PAGE_CUSTOMFUNCTION_SHOW FinishShow
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.DataPageShow un.DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default: Chinese.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

; ---- Texts (Chinese first) --------------------------------------------------------------------
LangString WelcomeTitle ${LANG_SIMPCHINESE} "安装 ${APP_NAME_ZH} ${VERSION}"
LangString WelcomeTitle ${LANG_ENGLISH} "Install ${APP_NAME_EN} ${VERSION}"
LangString WelcomeText ${LANG_SIMPCHINESE} "本向导将在这台电脑上安装 ${APP_NAME_ZH}：查清 POS 刷卡/扫码款为什么没到账，并整理给银行的证据材料。$\r$\n$\r$\n需要 Windows 10（1809 或更新版本）或 Windows 11，64 位。Windows 7/8 无法运行（Qt 6 不支持）。$\r$\n$\r$\n默认只为当前用户安装，不需要管理员权限，也不需要联网。您的记录保存在 %APPDATA%\posaid，升级或重新安装都不会影响。"
LangString WelcomeText ${LANG_ENGLISH} "This wizard installs ${APP_NAME_EN}: find out why POS card or QR payments have not reached your bank account, and prepare the evidence packet for the bank.$\r$\n$\r$\nRequires Windows 10 (version 1809 or later) or Windows 11, 64-bit. Windows 7/8 cannot run it (Qt 6 does not support them).$\r$\n$\r$\nBy default it installs for you only: no administrator rights and no internet needed. Your records are kept in %APPDATA%\posaid and are not touched by upgrades or reinstalls."
LangString OldWindows ${LANG_SIMPCHINESE} "${APP_NAME_ZH} 需要 64 位的 Windows 10（1809 或更新版本）或 Windows 11。$\r$\n这台电脑的系统版本太旧（Qt 6 不支持 Windows 7/8），无法安装。"
LangString OldWindows ${LANG_ENGLISH} "${APP_NAME_EN} needs 64-bit Windows 10 (version 1809 or later) or Windows 11.$\r$\nThis PC's Windows is too old (Qt 6 does not support Windows 7/8), so it cannot be installed."
LangString ModeTitle ${LANG_SIMPCHINESE} "安装给谁使用"
LangString ModeTitle ${LANG_ENGLISH} "Who will use it"
LangString ModeSubtitle ${LANG_SIMPCHINESE} "选择只为自己安装，还是为这台电脑的所有用户安装。"
LangString ModeSubtitle ${LANG_ENGLISH} "Install for yourself only, or for everyone who uses this PC."
LangString ModeMe ${LANG_SIMPCHINESE} "只为我安装（推荐，不需要管理员权限）"
LangString ModeMe ${LANG_ENGLISH} "Only for me (recommended, no administrator rights needed)"
LangString ModeAll ${LANG_SIMPCHINESE} "为这台电脑的所有用户安装（需要管理员权限，会弹出确认窗口）"
LangString ModeAll ${LANG_ENGLISH} "For all users of this PC (needs administrator rights; Windows will ask)"
LangString ModeNote ${LANG_SIMPCHINESE} "无论选哪一项，每个 Windows 用户的记录都各自保存在自己的 %APPDATA%\posaid 中。"
LangString ModeNote ${LANG_ENGLISH} "Either way, each Windows user's records are kept in their own %APPDATA%\posaid."
LangString ElevateFailed ${LANG_SIMPCHINESE} "没有获得管理员权限，无法为所有用户安装。您可以选择“只为我安装”。"
LangString ElevateFailed ${LANG_ENGLISH} "Administrator rights were not granted, so it cannot be installed for all users. You can choose $\"Only for me$\"."
LangString AppRunning ${LANG_SIMPCHINESE} "${APP_NAME_ZH} 正在运行。请先关闭它，再点“重试”。"
LangString AppRunning ${LANG_ENGLISH} "${APP_NAME_EN} is running. Please close it, then click Retry."
LangString RunNow ${LANG_SIMPCHINESE} "现在打开 ${APP_NAME_ZH}"
LangString RunNow ${LANG_ENGLISH} "Open ${APP_NAME_EN} now"
LangString SecApp ${LANG_SIMPCHINESE} "${APP_NAME_ZH}（必需）"
LangString SecApp ${LANG_ENGLISH} "${APP_NAME_EN} (required)"
LangString SecDesktop ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString ShortcutName ${LANG_SIMPCHINESE} "${APP_NAME_ZH}"
LangString ShortcutName ${LANG_ENGLISH} "${APP_NAME_EN}"
LangString DataTitle ${LANG_SIMPCHINESE} "您的记录"
LangString DataTitle ${LANG_ENGLISH} "Your records"
LangString DataSubtitle ${LANG_SIMPCHINESE} "卸载程序默认保留您的记录。"
LangString DataSubtitle ${LANG_ENGLISH} "The uninstaller keeps your records unless you say otherwise."
LangString DataText ${LANG_SIMPCHINESE} "您的未到账记录、照片和备份保存在：$\r$\n$0$\r$\n$\r$\n默认会保留这些记录，以后重新安装即可继续使用。它们可能是向银行追款的证据，删除后无法恢复。只删除当前 Windows 用户的记录。"
LangString DataText ${LANG_ENGLISH} "Your payment records, photos and backups are kept in:$\r$\n$0$\r$\n$\r$\nThey are kept by default, so a later reinstall carries on where you left off. They may be your evidence for the bank and cannot be recovered once deleted. Only the current Windows user's records are affected."
LangString DataCheck ${LANG_SIMPCHINESE} "同时删除我的记录"
LangString DataCheck ${LANG_ENGLISH} "Also delete my records"
LangString DataConfirm ${LANG_SIMPCHINESE} "确定要永久删除 $0 中的全部记录、照片和备份吗？删除后无法恢复。"
LangString DataConfirm ${LANG_ENGLISH} "Permanently delete every record, photo and backup in $0? This cannot be undone."
LangString DataKept ${LANG_SIMPCHINESE} "已保留您的记录：$0"
LangString DataKept ${LANG_ENGLISH} "Your records were kept: $0"

; ---- Helpers ----------------------------------------------------------------------------------
!macro SetMode ALL
  ${If} ${ALL} == "1"
    SetShellVarContext all
  ${Else}
    SetShellVarContext current
  ${EndIf}
!macroend

!macro RequireSupportedWindows
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} ${MIN_BUILD}
    IfSilent +2
      MessageBox MB_OK|MB_ICONSTOP "$(OldWindows)"
    SetErrorLevel 3
    Quit
  ${EndIf}
!macroend

; Sets $0 to "1" when this process has administrator rights.
!macro IsAdmin
  UserInfo::GetAccountType
  Pop $0
  ${If} $0 == "Admin"
    StrCpy $0 "1"
  ${Else}
    StrCpy $0 "0"
  ${EndIf}
!macroend

; Restart this installer elevated for an all-users install; the elevated copy does the work.
Function RelaunchElevated
  ClearErrors
  ${GetParameters} $1
  ExecShell "runas" "$EXEPATH" "/ALLUSERS /ELEVATED /LANGID=$LANGUAGE $1"
  ${If} ${Errors}
    IfSilent +2
      MessageBox MB_OK|MB_ICONEXCLAMATION "$(ElevateFailed)"
    StrCpy $0 "0"
  ${Else}
    StrCpy $0 "1"
  ${EndIf}
FunctionEnd

; The install folder of an earlier version for the current mode (upgrade in place), else default.
Function DefaultInstDir
  ${If} $AllUsers == "1"
    ReadRegStr $0 HKLM "${UNINST_KEY}" "InstallLocation"
    StrCpy $1 "$PROGRAMFILES64\${APP_ID}"
  ${Else}
    ReadRegStr $0 HKCU "${UNINST_KEY}" "InstallLocation"
    StrCpy $1 "$LOCALAPPDATA\Programs\${APP_ID}"
  ${EndIf}
  ${If} $0 != ""
    StrCpy $INSTDIR $0
  ${Else}
    StrCpy $INSTDIR $1
  ${EndIf}
FunctionEnd

; ---- Install ----------------------------------------------------------------------------------
Function .onInit
  SetRegView 64
  StrCpy $AllUsers "0"
  StrCpy $ModeGiven "0"
  StrCpy $Elevated "0"
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/ELEVATED" $R1
  ${IfNot} ${Errors}
    StrCpy $Elevated "1"
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/LANGID=" $R1
  ${IfNot} ${Errors}
    StrCpy $LANGUAGE $R1
  ${Else}
    StrCpy $LANGUAGE ${LANG_SIMPCHINESE} ; Chinese unless the user picks English (or did before)
    !insertmacro MUI_LANGDLL_DISPLAY
  ${EndIf}
  !insertmacro RequireSupportedWindows

  ClearErrors
  ${GetOptions} $R0 "/ALLUSERS" $R1
  ${IfNot} ${Errors}
    StrCpy $AllUsers "1"
    StrCpy $ModeGiven "1"
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/CURRENTUSER" $R1
  ${IfNot} ${Errors}
    StrCpy $AllUsers "0"
    StrCpy $ModeGiven "1"
  ${EndIf}
  ${If} $ModeGiven == "0"
    ; Upgrade: an existing all-users install (and none for this user) preselects all users.
    ReadRegStr $R2 HKCU "${UNINST_KEY}" "InstallLocation"
    ReadRegStr $R3 HKLM "${UNINST_KEY}" "InstallLocation"
    ${If} $R2 == ""
    ${AndIf} $R3 != ""
      StrCpy $AllUsers "1"
    ${EndIf}
  ${EndIf}

  ${If} $AllUsers == "1"
  ${AndIf} $ModeGiven == "1"
    !insertmacro IsAdmin
    ${If} $0 != "1"
      Call RelaunchElevated
      ${If} $0 == "1"
        Quit ; the elevated copy carries on
      ${EndIf}
      SetErrorLevel 5 ; access denied
      Quit
    ${EndIf}
  ${EndIf}
  !insertmacro SetMode $AllUsers
  Call DefaultInstDir
FunctionEnd

Function WelcomePre
  ${If} $Elevated == "1"
    Abort ; the user saw it before Windows asked for administrator rights
  ${EndIf}
FunctionEnd

Function ModePageShow
  ${If} $ModeGiven == "1"
    Abort ; chosen on the command line (or this is the elevated copy)
  ${EndIf}
  !insertmacro MUI_HEADER_TEXT "$(ModeTitle)" "$(ModeSubtitle)"
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateRadioButton} 0 10u 100% 14u "$(ModeMe)"
  Pop $RadioMe
  ${NSD_CreateRadioButton} 0 32u 100% 14u "$(ModeAll)"
  Pop $RadioAll
  ${NSD_CreateLabel} 0 60u 100% 30u "$(ModeNote)"
  Pop $0
  ${If} $AllUsers == "1"
    ${NSD_Check} $RadioAll
  ${Else}
    ${NSD_Check} $RadioMe
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function ModePageLeave
  ${NSD_GetState} $RadioAll $0
  ${If} $0 == ${BST_CHECKED}
    !insertmacro IsAdmin
    ${If} $0 != "1"
      Call RelaunchElevated
      ${If} $0 == "1"
        Quit
      ${EndIf}
      Abort ; stay on this page
    ${EndIf}
    StrCpy $AllUsers "1"
  ${Else}
    StrCpy $AllUsers "0"
  ${EndIf}
  !insertmacro SetMode $AllUsers
  Call DefaultInstDir
FunctionEnd

Function FinishShow
  ${If} $AllUsers == "1"
    ; the elevated copy would start the app as the administrator: leave it to the user
    ShowWindow $mui.FinishPage.Run ${SW_HIDE}
    ${NSD_Uncheck} $mui.FinishPage.Run
  ${EndIf}
FunctionEnd

; Wait until the program is closed: a running exe cannot be opened for writing.
Function WaitUntilClosed
  ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
    retry:
    ClearErrors
    FileOpen $0 "$INSTDIR\${APP_EXE}" a
    ${If} ${Errors}
      IfSilent +2
        MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(AppRunning)" IDRETRY retry
      SetErrorLevel 4
      Quit
    ${EndIf}
    FileClose $0
  ${EndIf}
FunctionEnd

Section "$(SecApp)" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  Call WaitUntilClosed
  ; Upgrade in place: replace the program files only (the records are in %APPDATA%\posaid).
  RMDir /r "$INSTDIR\_internal"
  File /r "${DIST_DIR}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\$(ShortcutName).lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  ${If} $AllUsers == "1"
    StrCpy $1 "/ALLUSERS"
  ${Else}
    StrCpy $1 "/CURRENTUSER"
  ${EndIf}
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayName" "${APP_NAME_ZH} (${APP_NAME_EN})"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr SHCTX "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe" $1'
  WriteRegStr SHCTX "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" $1 /S'
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $2 $3
  WriteRegDWORD SHCTX "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "$(SecDesktop)" SecDesktop
  CreateShortcut "$DESKTOP\$(ShortcutName).lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

; ---- Uninstall --------------------------------------------------------------------------------
Function un.onInit
  SetRegView 64
  StrCpy $DeleteData "0"
  StrCpy $AllUsers "0"
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/LANGID=" $R1
  ${IfNot} ${Errors}
    StrCpy $LANGUAGE $R1
  ${Else}
    !insertmacro MUI_UNGETLANGUAGE
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/ALLUSERS" $R1
  ${IfNot} ${Errors}
    StrCpy $AllUsers "1"
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/DELETEDATA" $R1
  ${IfNot} ${Errors}
    StrCpy $DeleteData "1"
  ${EndIf}
  ${If} $AllUsers == "1"
    !insertmacro IsAdmin
    ${If} $0 != "1"
      StrCpy $R1 "/ALLUSERS /LANGID=$LANGUAGE"
      ${If} $DeleteData == "1"
        StrCpy $R1 "$R1 /DELETEDATA"
      ${EndIf}
      IfSilent 0 +2
        StrCpy $R1 "$R1 /S"
      ClearErrors
      ExecShell "runas" "$INSTDIR\uninstall.exe" "$R1"
      ${If} ${Errors}
        IfSilent +2
          MessageBox MB_OK|MB_ICONEXCLAMATION "$(ElevateFailed)"
        SetErrorLevel 5
      ${EndIf}
      Quit
    ${EndIf}
  ${EndIf}
FunctionEnd

Function un.DataDir
  ; The records belong to the Windows user running the uninstaller, in either mode.
  SetShellVarContext current
  StrCpy $0 "$APPDATA\${APP_ID}"
  !insertmacro SetMode $AllUsers
FunctionEnd

Function un.DataPageShow
  Call un.DataDir
  !insertmacro MUI_HEADER_TEXT "$(DataTitle)" "$(DataSubtitle)"
  nsDialogs::Create 1018
  Pop $1
  ${NSD_CreateLabel} 0 0 100% 70u "$(DataText)"
  Pop $1
  ${NSD_CreateCheckbox} 0 80u 100% 14u "$(DataCheck)"
  Pop $CheckDelete
  ${NSD_Uncheck} $CheckDelete
  nsDialogs::Show
FunctionEnd

Function un.DataPageLeave
  ${NSD_GetState} $CheckDelete $1
  ${If} $1 == ${BST_CHECKED}
    Call un.DataDir
    MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(DataConfirm)" IDYES confirmed
    Abort ; back to the page, box still ticked: the user can untick it
    confirmed:
    StrCpy $DeleteData "1"
  ${Else}
    StrCpy $DeleteData "0"
  ${EndIf}
FunctionEnd

Section "Uninstall"
  !insertmacro SetMode $AllUsers
  ; Only what the installer put there: never RMDir /r the install folder itself.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\posaid-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP_NAME_ZH}.lnk"
  Delete "$SMPROGRAMS\${APP_NAME_EN}.lnk"
  Delete "$DESKTOP\${APP_NAME_ZH}.lnk"
  Delete "$DESKTOP\${APP_NAME_EN}.lnk"
  DeleteRegKey SHCTX "${UNINST_KEY}"

  Call un.DataDir
  ${If} $DeleteData == "1"
    RMDir /r "$0"
  ${Else}
    DetailPrint "$(DataKept)"
  ${EndIf}
SectionEnd
