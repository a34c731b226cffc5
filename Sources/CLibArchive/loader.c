// Loads libarchive on first use (see CLibArchive.h).
#include "CLibArchive.h"

#include <dlfcn.h>
#include <pthread.h>

static struct dragnet_libarchive_api functions;
static int loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    // Kept loaded for the life of the process: never closed.
    void *library = dlopen("libarchive.so.13", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return;
#define DRAGNET_RESOLVE(name) \
    if ((functions.name = (__typeof__(name) *)dlsym(library, #name)) == NULL) return;
    DRAGNET_LIBARCHIVE_FUNCTIONS(DRAGNET_RESOLVE)
#undef DRAGNET_RESOLVE
    loaded = 1;
}

const struct dragnet_libarchive_api *dragnet_libarchive(void) {
    pthread_once(&once, load);
    return loaded ? &functions : NULL;
}
