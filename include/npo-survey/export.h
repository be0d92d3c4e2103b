/*
 * npo-survey/export.h — NPS_API marks the functions of the public API.
 *
 * The library is built with the compiler's default visibility; a shared
 * build (-fvisibility=hidden) exports exactly the functions marked here.
 */
#ifndef NPS_PUBLIC_EXPORT_H
#define NPS_PUBLIC_EXPORT_H

#if defined(_WIN32)
#  define NPS_API
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define NPS_API __attribute__((visibility("default")))
#else
#  define NPS_API
#endif

#endif
