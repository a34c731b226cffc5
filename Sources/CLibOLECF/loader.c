// Loads libolecf on first use (see CLibOLECF.h).
#include "CLibOLECF.h"

#include <dlfcn.h>
#include <pthread.h>

static struct dragnet_libolecf_api functions;
static int loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    // Kept loaded for the life of the process: never closed.
    void *library = dlopen("libolecf.so.1", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return;
#define DRAGNET_RESOLVE(name) \
    if ((functions.name = (__typeof__(name) *)dlsym(library, #name)) == NULL) return;
    DRAGNET_LIBOLECF_FUNCTIONS(DRAGNET_RESOLVE)
#undef DRAGNET_RESOLVE
    loaded = 1;
}

const struct dragnet_libolecf_api *dragnet_libolecf(void) {
    pthread_once(&once, load);
    return loaded ? &functions : NULL;
}
