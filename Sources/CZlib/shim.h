// zlib, for inflating the parts of an .xlsx workbook (ChiSoCSV/Workbook).
#include <zlib.h>
