// Linux's sync_file_range, which the Glibc module does not export (it is a GNU extension): the
// store starts writing a database file's dirty pages while a load goes on (FileWriteback.swift).
#include <sys/types.h>

#ifdef __linux__
int sync_file_range(int fd, __off64_t offset, __off64_t nbytes, unsigned int flags);

/// Starts writeback of every dirty page of `fd`'s file and returns without waiting for it
/// (SYNC_FILE_RANGE_WRITE). 0, or -1 with errno set.
static inline int chiso_start_writeback(int fd) {
    return sync_file_range(fd, 0, 0, 2 /* SYNC_FILE_RANGE_WRITE */);
}
#else
static inline int chiso_start_writeback(int fd) { (void)fd; return 0; }
#endif
