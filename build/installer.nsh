; Agent Desk: NSIS additions included by electron-builder (nsis.include in electron-builder.yml).
;
; Windows 10 and later never let an application make itself the default handler for a link: the
; user picks it in Settings > Default apps. To be listed there for tel: and callto:, the app must
; declare Capabilities with URLAssociations and point to them from RegisteredApplications, and each
; association needs a ProgID with an open command. SHELL_CONTEXT is HKCU for a per-user install and
; HKLM for a per-machine one (set by electron-builder's multi-user script).

!macro agentDeskProgId SCHEME
  WriteRegStr SHELL_CONTEXT "Software\Classes\AgentDesk.${SCHEME}" "" "URL:Agent Desk ${SCHEME} link"
  WriteRegStr SHELL_CONTEXT "Software\Classes\AgentDesk.${SCHEME}" "URL Protocol" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\AgentDesk.${SCHEME}" "FriendlyTypeName" "Phone link"
  WriteRegStr SHELL_CONTEXT "Software\Classes\AgentDesk.${SCHEME}\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\AgentDesk.${SCHEME}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
  WriteRegStr SHELL_CONTEXT "Software\AgentDesk\Capabilities\URLAssociations" "${SCHEME}" "AgentDesk.${SCHEME}"
!macroend

!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\AgentDesk\Capabilities" "ApplicationName" "Agent Desk"
  WriteRegStr SHELL_CONTEXT "Software\AgentDesk\Capabilities" "ApplicationDescription" "Contact-centre agent companion: dials phone links from your queue."
  WriteRegStr SHELL_CONTEXT "Software\AgentDesk\Capabilities" "ApplicationIcon" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  !insertmacro agentDeskProgId "tel"
  !insertmacro agentDeskProgId "callto"
  WriteRegStr SHELL_CONTEXT "Software\RegisteredApplications" "AgentDesk" "Software\AgentDesk\Capabilities"
!macroend

!macro customUnInstall
  DeleteRegValue SHELL_CONTEXT "Software\RegisteredApplications" "AgentDesk"
  DeleteRegKey SHELL_CONTEXT "Software\AgentDesk"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\AgentDesk.tel"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\AgentDesk.callto"
!macroend
