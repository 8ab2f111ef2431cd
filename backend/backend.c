/* backend/backend.c — choosing a backend by name. */
#include "backend/backend.h"

#include <string.h>

const Backend *backend_default(void)
{
#ifdef TERN_HOST_X86_64
    return &backend_x86_64;
#else
    return &backend_interp;
#endif
}

const Backend *backend_by_name(const char *name)
{
    if (!strcmp(name, "interp") || !strcmp(name, "tci"))
        return &backend_interp;
#ifdef TERN_HOST_X86_64
    if (!strcmp(name, "x86_64") || !strcmp(name, "jit") || !strcmp(name, "native"))
        return &backend_x86_64;
#endif
    return NULL;
}
