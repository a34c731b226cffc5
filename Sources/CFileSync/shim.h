/* C boundary: Linux's sync_file_range (behind _GNU_SOURCE, which Swift's Glibc module does not set). */
#ifndef DRAGNET_CFILESYNC_H
#define DRAGNET_CFILESYNC_H
#ifdef __linux__
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>

/* Starts writing the file's dirty pages to the disk, without waiting for them. */
static inline int dragnet_start_writeback(int fd) {
    return sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
}
#endif
#endif
