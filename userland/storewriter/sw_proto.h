/*
 * sw_proto.h - the store writer's requests (a driver kind's own labels,
 * kh_drv.h): what devdisc asks of the storewriter driver once it has
 * started on the store's device, packed and unpacked by both sides from
 * this one file.
 *
 *   SW_OP_WRITE  buf[0, 64): the blob to write (struct bootcfg); buf[64,
 *                128): its log record (struct bootcfg_log_record), or len
 *                64 for a blob alone.  The driver runs store_write() and
 *                replies: label the status, word[0] the slot written | the
 *                bytes of a torn write << 8 (tornwriter only), word[1] the
 *                generation on the disk after a failure, word[2] that read
 *                back (status | slot << 8 | blob landed << 16 | record
 *                landed << 17), buf the blob and record as written
 *                (generation, seq set).
 *
 * Both programs come from the same tree for the same target, so the
 * records travel as the C structs (sizes checked below), and the driver
 * validates what it is asked to write as store_write() always does.
 */
#ifndef STOREWRITER_SW_PROTO_H
#define STOREWRITER_SW_PROTO_H

#include <stdbool.h>
#include "kh_syscall.h"
#include "kh_drv.h"
#include "store_write.h"

#define SW_OP_WRITE  (KH_DRV_KIND_BASE + 0u)
#define SW_PART      64u     /* bytes of the buffer per record */

_Static_assert(sizeof(struct bootcfg) <= SW_PART, "a blob fits its half of a message");
_Static_assert(sizeof(struct bootcfg_log_record) <= SW_PART, "a record fits its half");
_Static_assert(2 * SW_PART <= KH_MSG_BUF_BYTES, "a request fits one message");

/* What a write did, as the driver reports it. */
struct sw_result {
	enum status st;
	enum bootcfg_slot slot;          /* written (when st is OK) */
	uint32_t torn_bytes;             /* nonzero: a torn write (tornwriter) */
	struct store_ondisk ondisk;      /* after a failure */
};

void sw_req_pack(struct kh_msg *m, const struct bootcfg *next,
		 const struct bootcfg_log_record *rec);
/* BAD_LENGTH unless len is SW_PART or 2 * SW_PART. */
enum status sw_req_unpack(const struct kh_msg *m, struct bootcfg *next,
			  struct bootcfg_log_record *rec, bool *has_rec);

void sw_rep_pack(struct kh_msg *m, const struct sw_result *r, const struct bootcfg *next,
		 const struct bootcfg_log_record *rec);
/* r->st is the reply's status; next and rec (if not NULL) as written.
 * BAD_LENGTH for a reply that does not carry them. */
enum status sw_rep_unpack(const struct kh_msg *m, struct sw_result *r, struct bootcfg *next,
			  struct bootcfg_log_record *rec);

#endif
