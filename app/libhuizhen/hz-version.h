/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#define HZ_API_VERSION "1"
#define HZ_APPLICATION_ID "io.github.huizhen.Huizhen"
