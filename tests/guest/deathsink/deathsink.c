/*
 * deathsink - death notices wait for their reader: it registers for
 * them on its own endpoint (KH_OP_DEATHS) and reads none, then starts
 * sleeper children and stops each once it has run, until Process.SPAWN answers
 * no-memory: the process table then holds only live processes and unread
 * notices, and the kernel keeps the notices rather than reuse their slots
 * (`kernel: limit what=processes ...`).  Then it reads them: one per
 * child stopped, none lost, and a spawn works again.
 *
 * Lines: `deathsink: spawned=<n> refused=<status>`,
 * `deathsink: notices=<n> pids=<ok|mismatch> respawn=<status>`.
 * Manifest: deathsink console,process
 */
#include "kh_user.h"
#include "kh_objects.h"
#include <stdbool.h>

#define CHILDREN_MAX 32u

static uint32_t con, proc, ep;
static uint32_t pid[CHILDREN_MAX];

/* Children until the kernel refuses one; each stopped right away. */
static uint32_t fill(enum status *refused)
{
	uint32_t n = 0;

	*refused = STATUS_OK;
	while (n < CHILDREN_MAX) {
		enum status st = kh_proc_spawn(proc, "sleeper", &con, 1, &pid[n]);
		if (st) {
			*refused = st;
			break;
		}
		kh_sleep_ms(5);          /* it runs: a child that never ran tells nobody */
		kh_proc_stop(proc, pid[n++]);
	}
	return n;
}

static bool stopped_child(uint32_t p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (pid[i] == p)
			return true;
	return false;
}

/* Every waiting notice, each naming one of the children stopped. */
static uint32_t drain(uint32_t n, bool *pids_ok)
{
	struct kh_msg m;
	uint32_t got = 0;

	*pids_ok = true;
	while (kh_recv_poll(ep, &m) == STATUS_OK && m.label == KH_MSG_DEATH && m.sender == 0) {
		*pids_ok = *pids_ok && stopped_child((uint32_t)m.word[0], n) &&
			   m.word[1] == KH_PROC_STOPPED;
		got++;
	}
	return got;
}

int main(void)
{
	enum status refused, again;
	uint32_t n, got, p = 0;
	bool pids_ok;

	if (kh_cap_find(KH_CAP_CONSOLE, 0, &con) || kh_cap_find(KH_CAP_PROCESS, 0, &proc) ||
	    kh_proc_endpoint(proc, 0, &ep) ||
	    kh_invoke(ep, KH_OP_DEATHS, 0, 0, 0, 0, NULL, NULL)) {
		kh_printf("deathsink: no capabilities\n");
		return 1;
	}
	n = fill(&refused);
	kh_printf("deathsink: spawned=%u refused=%s\n", n, status_name(refused));
	got = drain(n, &pids_ok);
	again = kh_proc_spawn(proc, "sleeper", &con, 1, &p);
	if (!again)
		kh_proc_stop(proc, p);
	kh_printf("deathsink: notices=%u pids=%s respawn=%s\n", got, pids_ok ? "ok" : "mismatch",
		  status_name(again));
	return 0;
}
