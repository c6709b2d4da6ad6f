@echo off
rem cham-diem.bat: cham diem Chi so CCHC theo tep chay cchc.toml trong thu muc nay
rem (xem "HUONG DAN.txt"). Sua cchc.toml cho du lieu cua minh; tep nay giu nguyen.
rem Ma thoat (%ERRORLEVEL%): 0 thanh cong, 1 du lieu co loi, 2 dong lenh hoac tep chay sai,
rem 3 khong ghi duoc ket qua (tep dang mo trong Excel).
chcp 65001 >nul
setlocal
cd /d "%~dp0"

cchc.exe score
set KET_QUA=%ERRORLEVEL%

if %KET_QUA%==0 echo Xong: xem cac tep ket qua ghi o tren.
if %KET_QUA%==1 echo Du lieu dau vao co loi: xem danh sach o tren.
if %KET_QUA%==2 echo Dong lenh, tep chay cchc.toml hoac bo tieu chi co loi: xem o tren.
if %KET_QUA%==3 echo Khong ghi duoc tep ket qua: dong tep dang mo trong Excel roi chay lai.
exit /b %KET_QUA%
