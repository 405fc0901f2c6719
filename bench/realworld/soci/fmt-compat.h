/* Written for bench/realworld.py: SOCI's tests call fmt::println, which
 * appeared in fmt 10; Debian 12 ships fmt 9.1. Forced in with -include for
 * SOCI's tests only; a no-op with fmt >= 10. */
#include <cstdio>
#include <fmt/format.h>
#if FMT_VERSION < 100000
namespace fmt {
template <typename... T>
void println(std::FILE *f, format_string<T...> s, T &&...args) {
  std::fputs((fmt::format(s, std::forward<T>(args)...) + "\n").c_str(), f);
}
template <typename... T> void println(format_string<T...> s, T &&...args) {
  println(stdout, s, std::forward<T>(args)...);
}
} // namespace fmt
#endif
