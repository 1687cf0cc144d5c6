/* bcryptprimitives.dll stand-in for Wine 8.0 — TEST SCAFFOLDING ONLY, never shipped.
 *
 * Rust-built modules (pydantic_core, cryptography's Rust part) call ProcessPrng from bcryptprimitives.dll,
 * which Windows 10+ has and Wine 8.0 lacks. build/windows/wine_build.sh compiles this with mingw-w64 into the
 * Wine prefix's system32; PyInstaller never bundles system32 DLLs, so nothing of it reaches the zip or
 * setup.exe. The bytes come from RtlGenRandom (advapi32's SystemFunction036), Wine's own CSPRNG.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
