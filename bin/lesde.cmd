@echo off
rem lesde launcher for Windows: runs target\lesde.jar of the checkout this script lives in,
rem from any folder. Put this folder on PATH to type `lesde`. JAVA_OPTS is passed to java;
rem JAVA_TOOL_OPTIONS is read by java itself.
setlocal
for %%I in ("%~dp0..") do set "LESDE_ROOT=%%~fI"
set "LESDE_JAR=%LESDE_ROOT%\target\lesde.jar"
if not exist "%LESDE_JAR%" goto nojar
set "LESDE_JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "LESDE_JAVA=%JAVA_HOME%\bin\java.exe"
"%LESDE_JAVA%" %JAVA_OPTS% -jar "%LESDE_JAR%" %*
exit /b %ERRORLEVEL%

:nojar
echo lesde: error: %LESDE_JAR% has not been built; run: mvn -q -B package -DskipTests in %LESDE_ROOT% 1>&2
exit /b 2
