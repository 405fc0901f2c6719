/* Stand-in for the build.auto.h that pgBackRest's meson configure_file() writes (meson.build, src/meson.build),
   written for bench/realworld.py: a non-unity Linux build without the optional libraries' defines. */
#define HAVE_BUILTIN_TYPES_COMPATIBLE_P 1
#define ZLIB_CONST 1
#define CFGOPTDEF_CONFIG_PATH "/etc/pgbackrest"
#define FN_EXTERN extern __attribute__((visibility ("internal")))
#define VR_EXTERN_DECLARE extern __attribute__((visibility ("internal")))
#define VR_EXTERN_DEFINE
