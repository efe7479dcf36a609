/*
 * sw_client.c - asking the storewriter driver to write (sw_client.h),
 * both targets; sw_client_<arch>.c starts it.
 */
#include "sw_client.h"
#include "kh_objects.h"

enum status sw_client_write(struct sw_client *c, struct bootcfg *next,
			    struct bootcfg_log_record *rec, struct sw_result *r)
{
	struct kh_msg m;
	enum status st;

	*r = (struct sw_result){ .st = STATUS_NOT_FOUND, .slot = BOOTCFG_SLOT_DEFAULT,
				 .ondisk = { .read = STATUS_NOT_FOUND } };
	if (!c->open || !kh_drv_alive(&c->drv))
		return r->st;
	sw_req_pack(&m, next, rec);
	if ((st = kh_call(c->drv.ep, &m))) {
		r->st = r->ondisk.read = st;
		return st;
	}
	if ((st = sw_rep_unpack(&m, r, next, rec)))
		r->st = st;
	return r->st;
}
