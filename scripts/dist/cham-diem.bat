@echo off
rem cham-diem.bat: cham diem Chi so CCHC cua tinh mau (xem "HUONG DAN.txt").
rem Sao chep tep nay va sua cac duong dan cho du lieu cua minh.
rem Ma thoat (%ERRORLEVEL%): 0 thanh cong, 1 du lieu co loi, 2 dong lenh sai, 3 khong ghi duoc ket qua.
chcp 65001 >nul
setlocal
cd /d "%~dp0"

cchc.exe score --criteria "criteria\so-ban-nganh-2026.toml" --units "samples\so-ban-nganh\units.csv" --survey "samples\so-ban-nganh\survey.csv" "samples\so-ban-nganh\submissions" -o "ket-qua.xlsx" -o "ket-qua.csv"
set KET_QUA=%ERRORLEVEL%

if %KET_QUA%==0 echo Xong: ket-qua.xlsx, ket-qua.csv
if %KET_QUA%==1 echo Du lieu dau vao co loi: xem danh sach o tren.
if %KET_QUA%==3 echo Khong ghi duoc tep ket qua: dong tep dang mo trong Excel roi chay lai.
exit /b %KET_QUA%
