#include "cre2shim.h"
