/* TEST-ONLY stand-in for Windows' bcryptprimitives.dll, which Wine 8 lacks.
 * Rust's std (1.78+) imports ProcessPrng from it; Windows 10 and 11 have it.
 * scripts/windows-test.sh builds this into the throwaway Wine prefix of a test run.
 * It is never shipped: scripts/dist.sh refuses to pack any file of this name. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom, advapi32 */

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, n)) return FALSE;
        data += n;
        length -= n;
    }
    return TRUE;
}
