/* Stand-in for the include/asterisk/buildopts.h that Asterisk's build makes (build_tools/make_buildopts_h), written for
 * bench/realworld.py: no menuselect options. */
#define AST_BUILDOPT_SUM ""
