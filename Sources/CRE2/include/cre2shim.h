#ifndef CRE2_SHIM_H
#define CRE2_SHIM_H
#endif
