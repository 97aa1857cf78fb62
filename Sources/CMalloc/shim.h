// glibc's mallopt, which the Glibc module does not export: the chiso executable sets its mmap
// threshold and arena count at start (see Sources/chiso/main.swift).
#include <malloc.h>
