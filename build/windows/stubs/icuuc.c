/* icuuc.dll stand-in for Wine 8.0 — TEST SCAFFOLDING ONLY, never shipped.
 *
 * Qt 6.11's Qt6Core.dll imports the ucnv_* converter functions from the ICU that Windows 10 1903+ carries in
 * System32 (icuuc.dll). Wine 8.0 has no such DLL, so without this stand-in no Qt program starts under Wine.
 * build/windows/wine_build.sh compiles it with mingw-w64 into the Wine prefix's system32; PyInstaller never
 * bundles system32 DLLs, so nothing of it reaches the zip or setup.exe. On a real Windows the system ICU is used.
 *
 * Every converter open fails (U_FILE_ACCESS_ERROR): Qt then uses its built-in UTF-8/UTF-16/Latin-1 codecs and
 * the system code page, which is all the program needs. Legacy codecs by name (e.g. "GB18030" via ICU) are
 * therefore NOT exercised under Wine.
 */
#include <stddef.h>
#include <stdint.h>

typedef int32_t UErrorCode;
typedef uint16_t UChar;
typedef int8_t UBool;
#define U_FILE_ACCESS_ERROR 4
#define U_ILLEGAL_ARGUMENT_ERROR 1
#define EXPORT __declspec(dllexport)

static void fail(UErrorCode *err, UErrorCode code) { if (err && *err <= 0) *err = code; }

EXPORT void *ucnv_open(const char *name, UErrorCode *err) { (void)name; fail(err, U_FILE_ACCESS_ERROR); return NULL; }
EXPORT void ucnv_close(void *cnv) { (void)cnv; }
EXPORT void ucnv_reset(void *cnv) { (void)cnv; }
EXPORT int8_t ucnv_getMaxCharSize(const void *cnv) { (void)cnv; return 4; }
EXPORT const char *ucnv_getName(const void *cnv, UErrorCode *err) { (void)cnv; fail(err, U_ILLEGAL_ARGUMENT_ERROR); return ""; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{ (void)name; (void)standard; (void)err; return NULL; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT void ucnv_getToUCallBack(const void *cnv, void **action, const void **ctx)
{ (void)cnv; if (action) *action = NULL; if (ctx) *ctx = NULL; }
EXPORT void ucnv_getFromUCallBack(const void *cnv, void **action, const void **ctx)
{ (void)cnv; if (action) *action = NULL; if (ctx) *ctx = NULL; }
EXPORT void ucnv_setToUCallBack(void *cnv, void *n, const void *nc, void **o, const void **oc, UErrorCode *err)
{ (void)cnv; (void)n; (void)nc; if (o) *o = NULL; if (oc) *oc = NULL; fail(err, U_ILLEGAL_ARGUMENT_ERROR); }
EXPORT void ucnv_setFromUCallBack(void *cnv, void *n, const void *nc, void **o, const void **oc, UErrorCode *err)
{ (void)cnv; (void)n; (void)nc; if (o) *o = NULL; if (oc) *oc = NULL; fail(err, U_ILLEGAL_ARGUMENT_ERROR); }
EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *s, int32_t len, int32_t off, UErrorCode *err)
{ (void)args; (void)s; (void)len; (void)off; fail(err, U_ILLEGAL_ARGUMENT_ERROR); }
EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **s, const UChar *lim, int32_t off, UErrorCode *err)
{ (void)args; (void)s; (void)lim; (void)off; fail(err, U_ILLEGAL_ARGUMENT_ERROR); }
EXPORT void ucnv_toUnicode(void *cnv, UChar **t, const UChar *tl, const char **s, const char *sl, int32_t *o,
                           UBool flush, UErrorCode *err)
{ (void)cnv; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)flush; fail(err, U_ILLEGAL_ARGUMENT_ERROR); }
EXPORT void ucnv_fromUnicode(void *cnv, char **t, const char *tl, const UChar **s, const UChar *sl, int32_t *o,
                             UBool flush, UErrorCode *err)
{ (void)cnv; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)flush; fail(err, U_ILLEGAL_ARGUMENT_ERROR); }
EXPORT int32_t ucnv_toUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; (void)err; return 0; }
EXPORT int32_t ucnv_fromUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; (void)err; return 0; }
/* The default callbacks Qt passes to ucnv_set*Callback: exported as data-less functions. */
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
