/* TEST-ONLY: holds a file open the way Excel holds a workbook it shows (read and write
 * sharing, no FILE_SHARE_DELETE), so that a test can check what cchc does when it must
 * replace an output that is open in Excel. Used by scripts/windows-test.sh under Wine.
 *
 *   hold-open.exe FILE
 *
 * Prints "open" once the file is open, then keeps it open until FILE.release exists
 * (at most 120 s). Exit 0, or 1 when the file cannot be opened. */
#include <windows.h>
#include <stdio.h>
#include <wchar.h>

int wmain(int argc, wchar_t **argv) {
    if (argc != 2) {
        fwprintf(stderr, L"usage: hold-open FILE\n");
        return 2;
    }
    HANDLE h = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fwprintf(stderr, L"cannot open: error %lu\n", GetLastError());
        return 1;
    }
    printf("open\n");
    fflush(stdout);
    wchar_t release[32768];
    _snwprintf(release, 32768, L"%ls.release", argv[1]);
    release[32767] = 0;
    for (int i = 0; i < 1200 && GetFileAttributesW(release) == INVALID_FILE_ATTRIBUTES; i++)
        Sleep(100);
    CloseHandle(h);
    return 0;
}
