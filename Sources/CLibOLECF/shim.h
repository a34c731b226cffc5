// The C side of the libolecf boundary (Debian libolecf-dev). Only Sources/Outlook/MSG/LibOLECFFile.swift
// imports this module.
#ifndef DRAGNET_CLIBOLECF_SHIM_H
#define DRAGNET_CLIBOLECF_SHIM_H

// The Debian headers announce libbfio (file I/O handles) without shipping its header; Dragnet opens
// files by path only, so the handle-based functions stay out of view.
#include <libolecf/features.h>
#undef LIBOLECF_HAVE_BFIO

#include <libolecf.h>

#endif
