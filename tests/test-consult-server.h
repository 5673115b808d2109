/* test-consult-server.h — huizhen-consultd started by a test on a free port
 * (HUIZHEN_CONSULTD names the built server; without it the test fails)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char        *dir;
  char        *db;
  char        *secret_file;
  GSubprocess *process;
  char        *url;
  guint        port;
} HzTestConsultd;

/* A server on a free port (its own database and secret in a temporary
 * folder), once it printed its "listening on" line */
HzTestConsultd *hz_test_consultd_new   (void);
/* SIGTERM, and its exit status 0 */
void            hz_test_consultd_stop  (HzTestConsultd *server);
/* Starts it again on the same port and database */
void            hz_test_consultd_start (HzTestConsultd *server);
void            hz_test_consultd_free  (HzTestConsultd *server);
/* A token for room-1 of @user with @role (team obstetrics), valid an hour */
char           *hz_test_consultd_token (HzTestConsultd *server,
                                        const char     *user,
                                        const char     *role);

G_END_DECLS
