// The C side of the libpff boundary (Debian libpff-dev). Only Sources/Outlook/PST/LibPFFFile.swift
// imports this module.
#ifndef DRAGNET_CLIBPFF_SHIM_H
#define DRAGNET_CLIBPFF_SHIM_H

// The Debian headers announce libbfio (file I/O handles) without shipping its header; Dragnet opens
// files by path only, so the handle-based functions stay out of view.
#include <libpff/features.h>
#undef LIBPFF_HAVE_BFIO

#include <libpff.h>

#endif
