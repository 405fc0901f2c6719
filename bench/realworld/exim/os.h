/* Stand-in for the os.h that Exim's build copies from OS/os.h-Linux into build-Linux-x86_64/
   (scripts/Configure-os.h); the table's flags put the snapshot's src/OS on the include path. */
#include "os.h-Linux"
